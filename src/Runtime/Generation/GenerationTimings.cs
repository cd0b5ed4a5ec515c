namespace Sieve.Runtime.Generation;

/// <summary>Where a turn's time went. Decode speed counts the tokens after the first (the first comes from prefill).
/// <see cref="PrefillTokens"/> is the whole prompt (images as their features); <see cref="ReusedTokens"/> of them came
/// from the prefix cache and <see cref="ComputedTokens"/> went through the decoder.</summary>
public sealed record GenerationTimings(
    double VisionMs, int PrefillTokens, double PrefillMs, int DecodeSteps, double DecodeMs, long KvBytes)
{
    /// <summary>What the vision-token reducers kept, when any ran.</summary>
    public Reduction.ReductionOutcome? Reduction { get; init; }

    /// <summary>Prompt rows taken from the prefix cache (0 on a miss or without a cache).</summary>
    public int ReusedTokens { get; init; }

    /// <summary>Whether a prefix cache was looked in for this turn (so a 0 above is a miss, not "no cache").</summary>
    public bool PrefixCacheConsulted { get; init; }

    public int ComputedTokens => PrefillTokens - ReusedTokens;

    public double DecodeTokensPerSecond => DecodeSteps == 0 || DecodeMs <= 0 ? 0 : DecodeSteps / (DecodeMs / 1000);

    public override string ToString() =>
        $"vision {VisionMs:F0} ms · prefill {PrefillTokens} tokens{Reuse} in {PrefillMs:F0} ms · " +
        $"decode {DecodeSteps} tokens at {DecodeTokensPerSecond:F2} tok/s · KV cache {KvBytes / (1024.0 * 1024.0):F1} MiB" +
        (Reduction is null ? "" : $" · {Reduction}");

    private string Reuse => PrefixCacheConsulted
        ? $" ({ReusedTokens} reused from the prefix cache, {ComputedTokens} computed)"
        : "";
}
