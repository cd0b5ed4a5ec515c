namespace Sieve.Runtime.Loading;

/// <summary>
/// A checkpoint (safetensors file, shard index or config) cannot be used as it is. The message names the file and,
/// where one is involved, the tensor, and says what is wrong, so the user can tell a damaged download from a
/// checkpoint of another architecture.
/// </summary>
public sealed class CheckpointException : Exception
{
    public CheckpointException(string file, string? tensor, string problem, Exception? inner = null)
        : base(Compose(file, tensor, problem), inner)
    {
        File = file;
        Tensor = tensor;
        Problem = problem;
    }

    /// <summary>The file at fault (a .safetensors file, the shard index, or a config).</summary>
    public string File { get; }

    /// <summary>The tensor at fault, or null when the problem is the file as a whole.</summary>
    public string? Tensor { get; }

    /// <summary>What is wrong, without the file and tensor names.</summary>
    public string Problem { get; }

    private static string Compose(string file, string? tensor, string problem) =>
        tensor is null ? $"{file}: {problem}" : $"{file}: tensor '{tensor}': {problem}";
}
