using Sieve.Runtime.Preprocessing;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Sieve.Cli.Io;
using Sieve.Runtime;
using Sieve.Runtime.Interop;
using Sieve.Runtime.Loading;
using Sieve.Runtime.Models;
using static TorchSharp.torch;

namespace Sieve.Cli.Commands;

/// <summary>What the <c>sieve model</c> run commands share: loading the model and reading ids and pixel values.</summary>
public static class ModelInputs
{
    /// <summary>Loads DIR with the runtime options of appsettings.json; load problems become one clear error line.</summary>
    public static LlavaModel Load(string folder, RuntimeOptions? options = null)
    {
        options ??= SieveConfiguration.Load().GetSection(RuntimeOptions.Section).Get<RuntimeOptions>() ?? new RuntimeOptions();
        if (options.Validate() is { Count: > 0 } problems)
            throw new CliInputException("appsettings.json: " + string.Join("; ", problems));
        try
        {
            return LlavaModel.Load(folder, options);
        }
        catch (CheckpointException e) { throw new CliInputException(e.Message); }
        catch (NotSupportedException e) { throw new CliInputException($"{folder}: {e.Message}"); }
        catch (ArgumentException e) { throw new CliInputException(e.Message); }
    }

    /// <summary>"1,2,3" → ids; names the option and the bad item.</summary>
    public static long[] ParseIds(string text, string option = "--input-ids")
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var ids = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!long.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out ids[i]) || ids[i] < 0)
                throw new CliInputException($"{option}: item {i + 1} ('{parts[i]}') is not a token id (comma-separated non-negative integers)");
        if (ids.Length == 0 || text.Trim().Length == 0)
            throw new CliInputException($"{option}: no token ids");
        return ids;
    }

    /// <summary>
    /// Pixel values from a NumPy file: [images, 3, H, W] or [3, H, W], float32 or float64, as HF's processor
    /// returns them (already resized and normalised). The caller disposes the tensor.
    /// </summary>
    public static Tensor ReadPixels(string path, LlavaModel model)
    {
        using var scope = NewDisposeScope();
        Tensor raw;
        try { raw = NumpyFile.Read(path); }
        catch (InvalidDataException e) { throw new CliInputException($"--pixel-values: {e.Message}"); }
        var size = model.Config.VisionConfig.ImageSize;
        var pixels = raw.dim() == 3 ? raw.unsqueeze(0) : raw;
        if (pixels.dim() != 4 || pixels.shape[1] != 3 || pixels.shape[2] != size || pixels.shape[3] != size
            || raw.dtype is not (ScalarType.Float32 or ScalarType.Float64))
            throw new CliInputException(
                $"--pixel-values {path}: shape ({string.Join(", ", raw.shape)}) {raw.dtype}; expected float32 " +
                $"[images, 3, {size}, {size}] or [3, {size}, {size}]");
        return pixels.to_type(ScalarType.Float32).clone().MoveToOuterDisposeScope();
    }

    /// <summary>Image files through the folder's own CLIP preprocessing (preprocessor_config.json) →
    /// [images, 3, H, W]; null for none. The caller disposes the tensor.</summary>
    public static Tensor? ReadImages(IReadOnlyList<string> paths, LlavaModelFolder folder) => ReadImageInput(paths, folder).Pixels;

    /// <summary>
    /// Image files preprocessed as the folder's model expects: LLaVA-1.5 → [images, 3, H, W]; LLaVA-NeXT → AnyRes
    /// tiles [images, tiles, 3, H, W] with each image's original (height, width), which the model needs to unpad
    /// (null sizes for LLaVA-1.5). Null pixels for no paths. The caller disposes the tensor.
    /// </summary>
    public static (Tensor? Pixels, IReadOnlyList<(int Height, int Width)>? Sizes) ReadImageInput(
        IReadOnlyList<string> paths, LlavaModelFolder folder)
    {
        if (paths.Count == 0) return (null, null);
        if (folder.Config.IsNext)
        {
            try
            {
                var (pixels, sizes) = new LlavaNextImageProcessor(folder.Preprocessor, folder.Config.ImageGridPinpoints)
                    .PreprocessBatch(paths.Select(ImageDecoding.ReadFile).ToList());
                return (pixels, sizes);
            }
            catch (ImageInputException e) { throw new CliInputException($"--image: {e.Message}"); }
            catch (ArgumentException e) { throw new CliInputException($"--image: {e.Message}"); }
        }
        return (ReadClipImages(paths, folder), null);
    }

    private static Tensor ReadClipImages(IReadOnlyList<string> paths, LlavaModelFolder folder)
    {
        var processor = new ClipImageProcessor(folder.Preprocessor);
        try
        {
            return processor.PreprocessBatch(paths.Select(ImageDecoding.ReadFile).ToList());
        }
        catch (ImageInputException e) { throw new CliInputException($"--image: {e.Message}"); }
        catch (ArgumentException e) { throw new CliInputException($"--image: {e.Message}"); }
    }

    /// <summary>The prompt's pixels from either <c>--pixel-values</c> (already preprocessed) or <c>--image</c>
    /// files (preprocessed here as the checkpoint's processor does), never both.</summary>
    public static Tensor? ReadPixelsOrImages(string? pixelPath, IReadOnlyList<string> images, LlavaModel model) =>
        ReadVisionInput(pixelPath, images, model).Pixels;

    /// <summary><see cref="ReadPixelsOrImages"/> with LLaVA-NeXT's image sizes (see <see cref="ReadImageInput"/>).</summary>
    public static (Tensor? Pixels, IReadOnlyList<(int Height, int Width)>? Sizes) ReadVisionInput(
        string? pixelPath, IReadOnlyList<string> images, LlavaModel model)
    {
        if (pixelPath is not null && images.Count > 0)
            throw new CliInputException("--pixel-values and --image: give one or the other, not both");
        if (pixelPath is not null && model.Config.IsNext)
            throw new CliInputException(
                "--pixel-values: a LLaVA-NeXT model needs each image's original size to unpad its tiles; give the image files with --image");
        if (pixelPath is not null) return (ReadPixels(pixelPath, model), null);
        return ReadImageInput(images, model.Folder!);
    }
}
