using System.Diagnostics.Metrics;
using Sieve.Runtime.Generation;

namespace Sieve.Runtime.Serving;

/// <summary>The runtime's <see cref="Meter"/> ("Sieve.Runtime"): where each served turn's time went — vision tower,
/// prefill, decode — and how many tokens each phase handled, tagged with the model's name. Anything that listens
/// to the meter name gets them (<c>sieve serve</c> exports it at /metrics). The prefix cache's counters (lookups that
/// hit or missed, prompt tokens reused or computed) come with each turn; its size is an up-down counter, exported as
/// a gauge (Prometheus: <c>sieve_runtime_prefix_cache_hits_total</c>, <c>…_misses_total</c>,
/// <c>…_reused_tokens_total</c>, <c>…_computed_tokens_total</c>, <c>sieve_runtime_prefix_cache_size_bytes</c>).</summary>
public static class RuntimeMetrics
{
    public const string MeterName = "Sieve.Runtime";

    private static readonly Meter Meter = new(MeterName);

    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    };

    private static readonly Histogram<double> Vision =
        Meter.CreateHistogram<double>("sieve.runtime.vision.duration", "s", "Vision tower and projector time per turn", advice: Seconds);
    private static readonly Histogram<double> Prefill =
        Meter.CreateHistogram<double>("sieve.runtime.prefill.duration", "s", "Prefill time per turn (prompt through the decoder)", advice: Seconds);
    private static readonly Histogram<double> Decode =
        Meter.CreateHistogram<double>("sieve.runtime.decode.duration", "s", "Decode time per turn (tokens after the first)", advice: Seconds);
    private static readonly Counter<long> PrefillTokens =
        Meter.CreateCounter<long>("sieve.runtime.prefill.tokens", "{token}", "Prompt tokens per turn (reused from the prefix cache or computed)");
    private static readonly Counter<long> PrefixHits =
        Meter.CreateCounter<long>("sieve.runtime.prefix_cache.hits", "{lookup}", "Turns whose prefill continued a cached prefix");
    private static readonly Counter<long> PrefixMisses =
        Meter.CreateCounter<long>("sieve.runtime.prefix_cache.misses", "{lookup}", "Turns that looked in the prefix cache and found nothing reusable");
    private static readonly Counter<long> ReusedTokens =
        Meter.CreateCounter<long>("sieve.runtime.prefix_cache.reused_tokens", "{token}", "Prompt tokens taken from the prefix cache");
    private static readonly Counter<long> ComputedTokens =
        Meter.CreateCounter<long>("sieve.runtime.prefix_cache.computed_tokens", "{token}", "Prompt tokens run through the decoder");
    private static readonly UpDownCounter<long> PrefixBytes =
        Meter.CreateUpDownCounter<long>("sieve.runtime.prefix_cache.size", "By", "Bytes of keys and values the prefix cache holds");
    private static readonly Counter<long> DecodeTokens =
        Meter.CreateCounter<long>("sieve.runtime.decode.tokens", "{token}", "Tokens produced by decode steps");

    /// <summary>Records one finished turn of <paramref name="model"/>.</summary>
    public static void Turn(string model, GenerationTimings timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var tag = new KeyValuePair<string, object?>("model", model);
        Vision.Record(timings.VisionMs / 1000, tag);
        Prefill.Record(timings.PrefillMs / 1000, tag);
        Decode.Record(timings.DecodeMs / 1000, tag);
        PrefillTokens.Add(timings.PrefillTokens, tag);
        DecodeTokens.Add(timings.DecodeSteps, tag);
        ComputedTokens.Add(timings.ComputedTokens, tag);
        ReusedTokens.Add(timings.ReusedTokens, tag);
        if (timings.PrefixCacheConsulted)
            (timings.ReusedTokens > 0 ? PrefixHits : PrefixMisses).Add(1, tag);
    }

    /// <summary>The prefix cache of <paramref name="model"/> grew (or, negative, shrank) by <paramref name="bytes"/>.</summary>
    public static void PrefixCacheBytes(string model, long bytes) =>
        PrefixBytes.Add(bytes, new KeyValuePair<string, object?>("model", model));
}
