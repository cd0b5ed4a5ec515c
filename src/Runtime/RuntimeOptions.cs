using Sieve.Runtime.Caching;
using Sieve.Runtime.Reduction;
using static TorchSharp.torch;

namespace Sieve.Runtime;

/// <summary>The <c>Runtime</c> section of appsettings.json: where and in which precision models run.</summary>
public sealed record RuntimeOptions
{
    public const string Section = "Runtime";

    /// <summary><c>cpu</c> or <c>cuda</c> (needs a build with <c>-p:TorchBackend=cuda</c> and a GPU).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary><c>float32</c> or <c>bfloat16</c> (on CPUs with fast BF16 matmul, about 2.5× faster; F16 is slow on CPU).</summary>
    public string DType { get; init; } = "float32";

    /// <summary>The KV prefix cache of each loaded chat model (<c>Runtime:PrefixCache</c>).</summary>
    public PrefixCacheOptions PrefixCache { get; init; } = new();

    /// <summary>The vision-token reduction a loaded chat model applies unless a request names another
    /// (<c>Runtime:Reduction</c>; the CLI's <c>--reduce</c> overrides it for <c>sieve model</c>).</summary>
    public ReductionOptions Reduction { get; init; } = new();

    /// <summary>Checks the values, naming the setting and what is allowed; returns the problems (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Device is not ("cpu" or "cuda"))
            problems.Add($"Runtime:Device is '{Device}'; expected 'cpu' or 'cuda'");
        if (DType is not ("float32" or "bfloat16"))
            problems.Add($"Runtime:DType is '{DType}'; expected 'float32' or 'bfloat16'");
        problems.AddRange((PrefixCache ?? new()).Validate());
        try { (Reduction ?? new()).ToSpec(); }
        catch (ReductionSpecException e) { problems.Add(e.Message); }
        return problems;
    }

    /// <summary>
    /// The dtype models compute in and weights are loaded as. F16 weights on disk are converted to it when loaded
    /// (<c>CheckpointReader.Get(name, options.ScalarType)</c>): F16 arithmetic is very slow on CPU, so there is no F16 option.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value is not valid (see <see cref="Validate"/>).</exception>
    public ScalarType ScalarType => DType switch
    {
        "float32" => ScalarType.Float32,
        "bfloat16" => ScalarType.BFloat16,
        _ => throw new InvalidOperationException($"Runtime:DType is '{DType}'; expected 'float32' or 'bfloat16'"),
    };

    /// <summary>The TorchSharp device for <see cref="Device"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is not valid (see <see cref="Validate"/>), or CUDA is
    /// configured and this build or machine has none.</exception>
    public Device TorchDevice => Device switch
    {
        "cpu" => CPU,
        "cuda" when cuda.is_available() => CUDA,
        "cuda" => throw new InvalidOperationException("Runtime:Device is 'cuda' but this build sees no CUDA device; on a GPU "
            + "machine build with -p:TorchBackend=cuda, or set Runtime:Device to 'cpu'"),
        _ => throw new InvalidOperationException($"Runtime:Device is '{Device}'; expected 'cpu' or 'cuda'"),
    };
}
