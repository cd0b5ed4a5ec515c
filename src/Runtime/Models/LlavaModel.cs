using Sieve.Runtime.Loading.Configs;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Loading;
using Sieve.Runtime.Reduction;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>
/// HF <c>LlavaForConditionalGeneration</c> (LLaVA-1.5 layout): <c>vision_tower</c> (CLIP), <c>multi_modal_projector</c>,
/// <c>language_model</c> (Llama). Field names are the checkpoint's (old layout), so <c>named_parameters()</c> lines
/// up with the tensors; <see cref="LlavaCheckpointLayout.ToClassicName"/> maps the transformers ≥ 4.52 layout onto them.
/// The methods are the stages of one turn; <see cref="Generation.Generator"/> strings them together.
/// A <c>llava_next</c> config (HF <c>LlavaNextForConditionalGeneration</c>, AnyRes) adds the top-level
/// <c>image_newline</c> parameter and encodes each image as thumbnail + grid tiles packed by <see cref="AnyResPacking"/>.
/// </summary>
public sealed class LlavaModel : nn.Module
{
    private readonly ClipVisionModel vision_tower;
    private readonly LlavaMultiModalProjector multi_modal_projector;
    private readonly LlamaForCausalLM language_model;
    private readonly Parameter? image_newline; // LLaVA-NeXT only (null fields are not registered)

    /// <summary>A model with uninitialised weights (fill them with <see cref="Load"/> or a test's generator).</summary>
    /// <exception cref="NotSupportedException">The config asks for something this runtime does not implement.</exception>
    public LlavaModel(LlavaConfig config, ScalarType dtype, Device device) : base(nameof(LlavaModel))
    {
        if (config.IsNext && config.VisionFeatureSelectStrategy != "default")
            throw new NotSupportedException(
                $"LLaVA-NeXT with vision_feature_select_strategy '{config.VisionFeatureSelectStrategy}': the AnyRes grid " +
                "needs the class token dropped ('default'), as transformers' pack_image_features assumes");
        if (config.Layout == LlavaLayout.Original)
            throw new NotSupportedException(
                "this is an original-LLaVA (liuhaotian) checkpoint, whose CLIP tower is not in the folder; convert it to " +
                "the HuggingFace layout (transformers' convert_llava_weights_to_hf.py) and load that");
        if (config.VisionFeatureSelectStrategy is not ("default" or "full"))
            throw new NotSupportedException(
                $"vision_feature_select_strategy is '{config.VisionFeatureSelectStrategy}'; expected 'default' or 'full'");
        if (config.TextConfig.RopeScalingType is { } rope)
            throw new NotSupportedException($"text_config.rope_scaling type '{rope}' is not supported; plain RoPE only");
        Config = config;
        DType = dtype;
        Device = device;
        vision_tower = new ClipVisionModel(config.VisionConfig, dtype, device);
        multi_modal_projector = new LlavaMultiModalProjector(config, dtype, device);
        language_model = new LlamaForCausalLM(config.TextConfig, dtype, device);
        if (config.IsNext)
            image_newline = new Parameter(empty([config.TextConfig.HiddenSize], dtype, device), requires_grad: false);
        RegisterComponents();
    }

    /// <summary>
    /// Loads a HuggingFace LLaVA folder (config.json + single or sharded safetensors, either tensor layout) onto
    /// the device and dtype of <paramref name="options"/>. Weights are copied tensor by tensor from the memory-mapped
    /// files into the model, so peak memory is the model plus one tensor.
    /// </summary>
    /// <exception cref="CheckpointException">Missing/invalid config, missing, unexpected or misshapen tensors.</exception>
    /// <exception cref="NotSupportedException">The original LLaVA layout, RoPE scaling, unknown activations.</exception>
    /// <exception cref="ArgumentException">Invalid runtime options, or CUDA asked for where none is available.</exception>
    public static LlavaModel Load(string folder, RuntimeOptions options)
    {
        if (options.Validate() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join("; ", problems));
        TorchRuntime.EnsureLoadable();
        var device = options.Device == "cuda" ? CUDA : CPU;
        if (options.Device == "cuda" && !cuda.is_available())
            throw new ArgumentException("Runtime:Device is 'cuda' but no CUDA device is available to this build");
        var dtype = options.DType == "bfloat16" ? ScalarType.BFloat16 : ScalarType.Float32;
        var opened = LlavaModelFolder.Open(folder);
        var model = new LlavaModel(opened.Config, dtype, device) { Folder = opened };
        try
        {
            using var weights = opened.OpenWeights();
            weights.LoadInto(model, new CheckpointLoadOptions
            {
                // transformers >= 4.52 names differ from the module's (classic) names only by prefixes.
                Rename = LlavaCheckpointLayout.ToClassicName,
                // Buffers some checkpoints carry that are recomputed here: CLIP's position_ids, Llama's rotary inv_freq.
                IgnoreUnexpected = n => LlavaCheckpointLayout.IsSavedBuffer(n) || n.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal),
            });
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The folder this model was loaded from (configs, tokenizer path); null for a model built in code.</summary>
    public LlavaModelFolder? Folder { get; private init; }

    public LlavaConfig Config { get; }
    public ScalarType DType { get; }
    public Device Device { get; }
    public long ImageTokenId => Config.ImageTokenIndex;
    public ClipVisionTransformer VisionTower => vision_tower.VisionModel;
    public LlamaForCausalLM LanguageModel => language_model;

    /// <summary>A cache sized for this model's decoder (dispose it when the sequence is done).</summary>
    public KvCache NewCache() => new(language_model.Model.LayerCount);

    /// <summary>
    /// pixels [images, 3, H, W] → per image the projected features [n, text_hidden]: the tower's hidden states at
    /// <c>vision_feature_layer</c> (several layers concatenated on the feature axis), [CLS] dropped under the
    /// "default" strategy, optionally reduced, then projected. Call inside no_grad and a dispose scope.
    /// </summary>
    /// <remarks>LLaVA-NeXT: pixels [images, tiles, 3, S, S] (or the tiles of all images stacked [Σ tiles, 3, S, S])
    /// with <paramref name="imageSizes"/> (original height, width) required; see <see cref="EncodeAnyRes"/>.</remarks>
    public IReadOnlyList<Tensor> EncodeImages(Tensor pixels, IVisionFeatureReducer? reducer = null,
        IReadOnlyList<(int Height, int Width)>? imageSizes = null)
    {
        if (Config.IsNext)
        {
            IAnyResFeatureReducer? anyRes = reducer switch
            {
                null => null,
                IAnyResFeatureReducer r => r,
                _ => throw new NotSupportedException(
                    $"{reducer.GetType().Name} reduces LLaVA-1.5's single square grid; on LLaVA-NeXT use an AnyRes reducer (globalcom2)"),
            };
            return EncodeAnyRes(pixels, imageSizes ?? throw new ArgumentException(
                "LLaVA-NeXT needs each image's original size (height, width) next to its pixel values"), anyRes).Features;
        }
        var states = VisionTower.HiddenStates(pixels.to(DType, Device), Config.VisionFeatureLayers);
        var selected = states.Count == 1 ? states[0] : cat([.. states], -1);
        if (Config.VisionFeatureSelectStrategy == "default")
            selected = selected.narrow(1, 1, selected.shape[1] - 1);
        IReadOnlyList<Tensor> perImage = Enumerable.Range(0, (int)selected.shape[0]).Select(i => selected[i]).ToArray();
        if (reducer is not null)
            perImage = reducer.Reduce(new VisionReductionInput(perImage, pixels, VisionTower));
        return perImage.Select(f => multi_modal_projector.forward(f)).ToArray();
    }

    /// <summary>The AnyRes layout of an image of <paramref name="imageSize"/> (height, width) for this LLaVA-NeXT model.</summary>
    public AnyResLayout AnyResLayoutFor((int Height, int Width) imageSize) => Config.IsNext
        ? AnyResLayout.Create(imageSize, Config.ImageGridPinpoints, Config.VisionConfig.ImageSize, Config.VisionConfig.PatchSize)
        : throw new InvalidOperationException("AnyRes layouts belong to LLaVA-NeXT models");

    /// <summary>
    /// LLaVA-NeXT's image encoding (transformers' <c>get_image_features</c>): each image's tiles (thumbnail, then the
    /// grid) through the tower, feature layer selected and class token dropped, projected, then packed (unpadded grid,
    /// image_newline per row) after the thumbnail. With a reducer, the last CLIP layer's class-token scores are
    /// computed too and only the packed rows it keeps are returned, with their packed indices (null without one).
    /// Call inside no_grad and a dispose scope.
    /// </summary>
    public (IReadOnlyList<Tensor> Features, IReadOnlyList<long[]>? Kept) EncodeAnyRes(Tensor pixels,
        IReadOnlyList<(int Height, int Width)> imageSizes, IAnyResFeatureReducer? reducer = null)
    {
        var layouts = imageSizes.Select(AnyResLayoutFor).ToArray();
        var tiles = AnyResTiles(pixels, layouts);
        var layers = Config.VisionFeatureLayers.ToList();
        int scoreInput = VisionTower.LayerCount - 1; // the last layer's input, whose attention GlobalCom² reads
        if (reducer is not null)
            layers.Add(scoreInput);
        var states = VisionTower.HiddenStates(tiles.to(DType, Device), layers);
        var featureStates = states.Take(Config.VisionFeatureLayers.Count).ToArray();
        var selected = featureStates.Length == 1 ? featureStates[0] : cat(featureStates, -1);
        var projected = multi_modal_projector.forward(selected.narrow(1, 1, selected.shape[1] - 1));
        var scores = reducer is null ? null : VisionTower.LastLayerClassTokenScores(states[^1]);
        var features = new List<Tensor>();
        var kept = reducer is null ? null : new List<long[]>();
        long offset = 0;
        foreach (var layout in layouts)
        {
            var packed = AnyResPacking.Pack(projected.narrow(0, offset, layout.TileCount), layout, image_newline!);
            if (reducer is not null)
            {
                var indices = reducer.SelectKept(new AnyResReductionInput(layout, scores!.narrow(0, offset, layout.TileCount)));
                kept!.Add(indices);
                packed = packed.index_select(0, tensor(indices, device: Device));
            }
            features.Add(packed);
            offset += layout.TileCount;
        }
        return (features, kept);
    }

    /// <summary>The images' real tiles stacked [Σ tiles, 3, S, S] (the batch padding of a 5-D input dropped).</summary>
    private Tensor AnyResTiles(Tensor pixels, IReadOnlyList<AnyResLayout> layouts)
    {
        long size = Config.VisionConfig.ImageSize, total = layouts.Sum(l => (long)l.TileCount);
        string expected = $"[{layouts.Count}, ≥{(layouts.Count == 0 ? 0 : layouts.Max(l => l.TileCount))}, 3, {size}, {size}] or [{total}, 3, {size}, {size}]";
        if (pixels.dim() == 5 && pixels.shape[0] == layouts.Count && pixels.shape[2] == 3 && pixels.shape[3] == size
            && pixels.shape[4] == size && layouts.All(l => l.TileCount <= pixels.shape[1]))
            return cat(layouts.Select((l, i) => pixels[i].narrow(0, 0, l.TileCount)).ToArray(), 0);
        if (pixels.dim() == 4 && pixels.shape[0] == total && pixels.shape[1] == 3 && pixels.shape[2] == size && pixels.shape[3] == size)
            return pixels;
        throw new ArgumentException(
            $"LLaVA-NeXT pixel values [{string.Join(", ", pixels.shape)}] do not fit {layouts.Count} image size(s) " +
            $"({string.Join(", ", layouts.Select(l => $"{l.ImageSize.Height}x{l.ImageSize.Width} → {l.TileCount} tiles"))}); expected {expected}");
    }

    /// <summary>
    /// Token embeddings of the prompt with each image's features written over its rows (see <see cref="PromptLayout"/>).
    /// Returns [1, L, D] and the layout. Call inside no_grad and a dispose scope.
    /// </summary>
    public (Tensor Embeds, PromptLayout Layout) EmbedPrompt(IReadOnlyList<long> ids, IReadOnlyList<Tensor> imageFeatures)
    {
        var layout = PromptLayout.Create(ids, ImageTokenId, imageFeatures.Select(f => f.shape[0]).ToArray());
        var vocab = language_model.Model.EmbedTokens.Count;
        foreach (var id in layout.Ids)
            if ((id < 0 || id >= vocab) && id != ImageTokenId)
                throw new ArgumentException($"token id {id} is outside the vocabulary (0..{vocab - 1})");
        // The image token id may lie outside the embedding table; its rows are overwritten anyway.
        var text = layout.Ids.Select(id => id == ImageTokenId ? 0 : id).ToArray();
        var embeds = language_model.Model.EmbedTokens.forward(tensor(text, device: Device)).unsqueeze(0);
        for (int i = 0; i < layout.Images.Count; i++)
            embeds.narrow(1, layout.Images[i].Start, layout.Images[i].Length).copy_(imageFeatures[i].unsqueeze(0));
        return (embeds, layout);
    }

    /// <summary>
    /// Feeds <paramref name="embeds"/> [1, L, D] to the decoder at the cache's next positions and advances them by L
    /// (by L even when a reducer drops rows: positions stay those of the full sequence). Returns float32 logits
    /// [rows, V] of every row that came out (<paramref name="allRows"/>) or of the last one only, and the kept
    /// row indices when a reducer ran. Call inside no_grad and a dispose scope.
    /// </summary>
    public (Tensor Logits, Tensor? Kept) Forward(Tensor embeds, KvCache cache, bool allRows = false,
        IDecoderLayerReducer? reducer = null, IReadOnlyList<ImageSpan>? images = null)
    {
        long n = embeds.shape[1];
        var positions = arange(cache.NextPosition, cache.NextPosition + n, ScalarType.Int64, Device);
        var (hidden, kept) = language_model.Model.forward(embeds, positions, cache, reducer, images);
        cache.NextPosition += n;
        var rows = allRows ? hidden[0] : hidden[0].narrow(0, hidden.shape[1] - 1, 1);
        return (language_model.Logits(rows).to_type(ScalarType.Float32), kept);
    }
}
