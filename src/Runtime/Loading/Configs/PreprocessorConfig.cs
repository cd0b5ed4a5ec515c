namespace Sieve.Runtime.Loading.Configs;

/// <summary>
/// <c>preprocessor_config.json</c> of a <c>CLIPImageProcessor</c> (or LLaVA's image processors), with
/// transformers' defaults: resize the shortest edge to 224 with bicubic resampling, centre-crop 224×224, rescale by
/// 1/255, normalise with OpenAI CLIP's mean and std, convert to RGB.
/// </summary>
public sealed record PreprocessorConfig
{
    public const string FileName = "preprocessor_config.json";

    public static readonly IReadOnlyList<double> OpenAiClipMean = [0.48145466, 0.4578275, 0.40821073];
    public static readonly IReadOnlyList<double> OpenAiClipStd = [0.26862954, 0.26130258, 0.27577711];

    public string ImageProcessorType { get; init; } = "CLIPImageProcessor";
    public bool DoResize { get; init; } = true;

    /// <summary>Target of the shortest edge when resizing keeps the aspect ratio (<c>size.shortest_edge</c>).</summary>
    public int? ShortestEdge { get; init; } = 224;

    /// <summary>Exact target size when <c>size</c> gives height and width instead.</summary>
    public (int Height, int Width)? ResizeTo { get; init; }

    /// <summary>PIL resampling filter number: 0 nearest, 2 bilinear, 3 bicubic (the default).</summary>
    public int Resample { get; init; } = 3;

    public bool DoCenterCrop { get; init; } = true;
    public int CropHeight { get; init; } = 224;
    public int CropWidth { get; init; } = 224;
    public bool DoRescale { get; init; } = true;
    public double RescaleFactor { get; init; } = 1.0 / 255;
    public bool DoNormalize { get; init; } = true;
    public IReadOnlyList<double> ImageMean { get; init; } = OpenAiClipMean;
    public IReadOnlyList<double> ImageStd { get; init; } = OpenAiClipStd;
    public bool DoConvertRgb { get; init; } = true;

    /// <summary>LLaVA's pad-to-square with the mean colour before resizing (<c>do_pad</c>, or the original layout's <c>image_aspect_ratio: pad</c>).</summary>
    public bool DoPad { get; init; }

    /// <summary>Reads the folder's preprocessor_config.json (or the file itself).</summary>
    public static PreprocessorConfig Load(string folderOrFile)
    {
        var file = Directory.Exists(folderOrFile) ? Path.Combine(folderOrFile, FileName) : folderOrFile;
        var json = ConfigJson.Load(Path.GetFullPath(file));
        var (shortest, exact) = ReadSize(json);
        var (cropH, cropW) = ReadCrop(json);
        var config = new PreprocessorConfig
        {
            ImageProcessorType = json.String("image_processor_type", "CLIPImageProcessor"),
            DoResize = json.Bool("do_resize", true),
            ShortestEdge = shortest,
            ResizeTo = exact,
            Resample = json.Int("resample", 3),
            DoCenterCrop = json.Bool("do_center_crop", true),
            CropHeight = cropH,
            CropWidth = cropW,
            DoRescale = json.Bool("do_rescale", true),
            RescaleFactor = json.Double("rescale_factor", 1.0 / 255),
            DoNormalize = json.Bool("do_normalize", true),
            ImageMean = json.DoubleList("image_mean", OpenAiClipMean),
            ImageStd = json.DoubleList("image_std", OpenAiClipStd),
            DoConvertRgb = json.Bool("do_convert_rgb", true),
            DoPad = json.Bool("do_pad", false),
        };
        if (config.ImageMean.Count != 3 || config.ImageStd.Count != 3)
            throw json.Error("image_mean", "and image_std must have 3 values (RGB)");
        if (config.ImageStd.Any(s => s <= 0))
            throw json.Error("image_std", "values must be positive");
        if (config.Resample is not (0 or 2 or 3))
            throw json.Error("resample", $"is {config.Resample}; supported: 0 (nearest), 2 (bilinear), 3 (bicubic)");
        return config;
    }

    private static (int? Shortest, (int, int)? Exact) ReadSize(ConfigJson json)
    {
        if (!json.Has("size"))
            return (224, null);
        if (!json.IsObject("size"))
            return (json.Int("size", 224), null); // old configs: a bare integer is the shortest edge
        var size = json.Object("size")!;
        if (size.Has("shortest_edge"))
            return (size.Int("shortest_edge", 224), null);
        if (size.Has("height") && size.Has("width"))
            return (null, (size.Int("height", 0), size.Int("width", 0)));
        throw json.Error("size", "must give shortest_edge, or height and width");
    }

    private static (int, int) ReadCrop(ConfigJson json)
    {
        if (!json.Has("crop_size"))
            return (224, 224);
        if (json.IsObject("crop_size"))
            return (json.Object("crop_size")!.Int("height", 224), json.Object("crop_size")!.Int("width", 224));
        var n = json.Int("crop_size", 224);
        return (n, n);
    }
}
