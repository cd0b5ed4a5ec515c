using Sieve.Runtime.Loading.Configs;

namespace Sieve.Runtime.Loading;

/// <summary>
/// A HuggingFace LLaVA folder as downloaded: its configs read (with HF defaults) up front, its weights opened on
/// request. Files a folder may lack (generation_config.json, preprocessor_config.json) fall back to defaults.
/// </summary>
public sealed record LlavaModelFolder
{
    public const string TokenizerModelFileName = "tokenizer.model";

    public required string Path { get; init; }
    public required LlavaConfig Config { get; init; }
    public required GenerationConfig Generation { get; init; }

    /// <summary>The folder's preprocessor_config.json, or CLIPImageProcessor's defaults at the tower's image size.</summary>
    public required PreprocessorConfig Preprocessor { get; init; }

    /// <summary>tokenizer.model (SentencePiece), or null when the folder has none.</summary>
    public string? TokenizerModel { get; init; }

    /// <exception cref="CheckpointException">The folder or its config.json is missing or invalid.</exception>
    public static LlavaModelFolder Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(path))
            throw new CheckpointException(path, null, "no such model folder");
        var config = LlavaConfig.Load(path);
        var preprocessorFile = System.IO.Path.Combine(path, PreprocessorConfig.FileName);
        var size = config.VisionConfig.ImageSize;
        var tokenizer = System.IO.Path.Combine(path, TokenizerModelFileName);
        return new LlavaModelFolder
        {
            Path = path,
            Config = config,
            Generation = GenerationConfig.Load(path, config),
            // The original layout asks for pad-to-square in config.json, not in the processor's file.
            Preprocessor = (File.Exists(preprocessorFile)
                ? PreprocessorConfig.Load(preprocessorFile)
                : new PreprocessorConfig { ShortestEdge = size, CropHeight = size, CropWidth = size }) is var p
                && config.ImageAspectRatio == "pad" ? p with { DoPad = true } : p,
            TokenizerModel = File.Exists(tokenizer) ? tokenizer : null,
        };
    }

    /// <summary>Opens the weights (single or sharded safetensors); the caller disposes the reader.</summary>
    public CheckpointReader OpenWeights() => CheckpointReader.Open(Path);
}
