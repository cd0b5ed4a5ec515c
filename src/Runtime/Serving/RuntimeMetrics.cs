using System.Diagnostics.Metrics;
using Sieve.Runtime.Generation;

namespace Sieve.Runtime.Serving;

/// <summary>The runtime's <see cref="Meter"/> ("Sieve.Runtime"): where each served turn's time went — vision tower,
/// prefill, decode — and how many tokens each phase handled, tagged with the model's name. Anything that listens
/// to the meter name gets them (<c>sieve serve</c> exports it at /metrics). Prefix-cache counters join this meter
/// when the cache does (issue 7); until then every prompt token is a computed one.</summary>
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
        Meter.CreateCounter<long>("sieve.runtime.prefill.tokens", "{token}", "Prompt tokens computed in prefill");
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
    }
}
