using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Generation;

/// <summary>
/// Picks the next token from float32 logits [V]: argmax, or temperature → top-p filter (as HF's TopPLogitsWarper:
/// drop the least probable tokens whose cumulative mass stays within 1 − p, always keeping the most probable) →
/// a draw from a generator seeded once per sequence.
/// </summary>
public sealed class TokenSampler : IDisposable
{
    private readonly SamplingOptions _options;
    private readonly Generator? _generator;

    public TokenSampler(SamplingOptions options)
    {
        _options = options;
        if (!options.Greedy)
            _generator = new Generator(options.Seed, CPU);
    }

    public long Next(Tensor logits)
    {
        using var scope = NewDisposeScope();
        if (_options.Greedy)
            return logits.argmax().item<long>();
        var scaled = logits.to_type(ScalarType.Float64).cpu() / _options.Temperature;
        var (sorted, order) = sort(scaled, descending: true);
        var probs = sorted.softmax(0);
        // Mass of the strictly more probable tokens; a token is kept while that is below p (the first always is).
        var before = probs.cumsum(0) - probs;
        var keep = before < _options.TopP;
        var filtered = probs.masked_fill(keep.logical_not(), 0);
        var pick = multinomial(filtered, 1, generator: _generator).item<long>();
        return order[pick].item<long>();
    }

    public void Dispose() => _generator?.Dispose();
}
