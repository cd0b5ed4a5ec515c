using Sieve.Runtime.Loading.Configs;

namespace Sieve.Runtime.Loading;

/// <summary>
/// What a LLaVA folder holds and what running it costs: architecture from config.json, parameters from the
/// config and from the checkpoint's headers (no tensor data is read), the dtypes on disk, and the memory the
/// weights and the KV cache take in each runtime dtype.
/// </summary>
public sealed record ModelSummary
{
    /// <summary>The runtime dtypes (<see cref="RuntimeOptions.DType"/>) with their bytes per element.</summary>
    public static readonly IReadOnlyList<(string Name, int Bytes)> RuntimeDTypes = [("float32", 4), ("bfloat16", 2)];

    public required LlavaModelFolder Folder { get; init; }

    /// <summary>Parameters the config implies (tower + projector + decoder).</summary>
    public long ConfigParameterCount => Folder.Config.ParameterCount;

    /// <summary>The weight files, or null when the folder has none.</summary>
    public IReadOnlyList<string>? WeightFiles { get; init; }

    public int TensorCount { get; init; }

    /// <summary>Elements of floating-point tensors (the parameters; integer buffers such as position_ids excluded).</summary>
    public long FloatingElementCount { get; init; }

    /// <summary>Elements per on-disk dtype.</summary>
    public IReadOnlyDictionary<string, long> ElementsByDType { get; init; } = new Dictionary<string, long>();

    /// <summary>Bytes of the weight files' tensor data.</summary>
    public long DiskBytes { get; init; }

    /// <summary>Parameters of the HF LLaVA layout the checkpoint lacks (name or shape).</summary>
    public IReadOnlyList<string> MissingTensors { get; init; } = [];

    /// <summary>Checkpoint tensors outside the HF LLaVA layout (or of another shape).</summary>
    public IReadOnlyList<string> UnexpectedTensors { get; init; } = [];

    /// <summary>Why the weights could not be summarised (no weights, or a broken file), or null.</summary>
    public string? WeightProblem { get; init; }

    /// <summary>The parameter count to use for memory: the checkpoint's when read, else the config's.</summary>
    public long ParameterCount => WeightFiles is null ? ConfigParameterCount : FloatingElementCount;

    /// <summary>Bytes of the weights once loaded in a runtime dtype of <paramref name="bytesPerElement"/>.</summary>
    public long WeightBytes(int bytesPerElement) => ParameterCount * bytesPerElement;

    /// <summary>KV cache bytes per token of context: keys and values of every layer.</summary>
    public long KvBytesPerToken(int bytesPerElement)
    {
        var t = Folder.Config.TextConfig;
        return 2L * t.NumHiddenLayers * t.NumKeyValueHeads * t.HeadDim * bytesPerElement;
    }

    /// <summary>Reads the folder's configs and, when present, its weight headers.</summary>
    /// <exception cref="CheckpointException">The folder or config.json is missing or invalid.</exception>
    public static ModelSummary Read(string folder)
    {
        var model = LlavaModelFolder.Open(folder);
        try
        {
            using var weights = model.OpenWeights();
            var byDType = weights.ElementsByDType;
            var (missing, unexpected) = model.Config.Layout == LlavaLayout.HuggingFace
                ? LlavaCheckpointLayout.Compare(model.Config, weights.Tensors)
                : ([], []);
            return new ModelSummary
            {
                Folder = model,
                WeightFiles = weights.Files,
                TensorCount = weights.Tensors.Count,
                ElementsByDType = byDType,
                FloatingElementCount = weights.Tensors.Where(t => t.DType is "F32" or "F16" or "BF16" or "F64").Sum(t => t.ElementCount),
                DiskBytes = weights.Tensors.Sum(t => t.ByteLength),
                MissingTensors = missing,
                UnexpectedTensors = unexpected,
            };
        }
        catch (CheckpointException e)
        {
            return new ModelSummary { Folder = model, WeightProblem = e.Message };
        }
    }
}
