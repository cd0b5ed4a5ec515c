namespace Sieve.Runtime;

/// <summary>The <c>Runtime</c> section of appsettings.json: where and in which precision models run.</summary>
public sealed record RuntimeOptions
{
    public const string Section = "Runtime";

    /// <summary><c>cpu</c> or <c>cuda</c> (needs a build with <c>-p:TorchBackend=cuda</c> and a GPU).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary><c>float32</c> or <c>bfloat16</c> (on CPUs with fast BF16 matmul, about 2.5× faster; F16 is slow on CPU).</summary>
    public string DType { get; init; } = "float32";

    /// <summary>Checks the values, naming the setting and what is allowed; returns the problems (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Device is not ("cpu" or "cuda"))
            problems.Add($"Runtime:Device is '{Device}'; expected 'cpu' or 'cuda'");
        if (DType is not ("float32" or "bfloat16"))
            problems.Add($"Runtime:DType is '{DType}'; expected 'float32' or 'bfloat16'");
        return problems;
    }
}
