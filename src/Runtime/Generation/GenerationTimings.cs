namespace Sieve.Runtime.Generation;

/// <summary>Where a turn's time went. Decode speed counts the tokens after the first (the first comes from prefill).</summary>
public sealed record GenerationTimings(
    double VisionMs, int PrefillTokens, double PrefillMs, int DecodeSteps, double DecodeMs, long KvBytes)
{
    /// <summary>What the vision-token reducers kept, when any ran.</summary>
    public Reduction.ReductionOutcome? Reduction { get; init; }

    public double DecodeTokensPerSecond => DecodeSteps == 0 || DecodeMs <= 0 ? 0 : DecodeSteps / (DecodeMs / 1000);

    public override string ToString() =>
        $"vision {VisionMs:F0} ms · prefill {PrefillTokens} tokens in {PrefillMs:F0} ms · " +
        $"decode {DecodeSteps} tokens at {DecodeTokensPerSecond:F2} tok/s · KV cache {KvBytes / (1024.0 * 1024.0):F1} MiB" +
        (Reduction is null ? "" : $" · {Reduction}");
}
