using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Sieve.Server.Jobs;

namespace Sieve.Server.Telemetry;

/// <summary>The server's own instruments (meter <c>Sieve.Server</c>), exported on /metrics beside ASP.NET Core's
/// request counts and latencies. Chat timings are measured here at the API edge: time to the first token is the
/// prefill as a client sees it, the rest of the stream is decode.</summary>
public sealed class ServerMetrics : IDisposable
{
    public const string MeterName = "Sieve.Server";

    /// <summary>The meter the runtime feeds (prefill/decode seconds, prefix-cache hits and misses); subscribed here
    /// so whatever the runtime records shows on /metrics without the runtime knowing about the server.</summary>
    public const string RuntimeMeterName = "Sieve.Runtime";

    private readonly Meter _meter;
    private readonly Counter<long> _jobsSubmitted;
    private readonly Histogram<double> _jobDuration;
    private readonly Histogram<double> _chatFirstToken;
    private readonly Histogram<double> _chatDecode;
    private readonly Counter<long> _chatTokens;
    private readonly Counter<long> _sessions;
    private readonly ILogger<ServerMetrics>? _log;

    /// <summary>Seconds from a few milliseconds (a cached answer) to minutes (a long batch or a slow CPU model).</summary>
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    };

    public ServerMetrics(IMeterFactory meters, ILogger<ServerMetrics>? log = null)
    {
        _log = log;
        _meter = meters.Create(MeterName);
        _jobsSubmitted = _meter.CreateCounter<long>("sieve.jobs.submitted", "{job}", "Report and batch jobs accepted");
        _jobDuration = _meter.CreateHistogram<double>("sieve.jobs.duration", "s", "Time a job ran, by kind and outcome", advice: Seconds);
        _chatFirstToken = _meter.CreateHistogram<double>("sieve.chat.time_to_first_token", "s", "Request to first content (prefill as the client sees it)", advice: Seconds);
        _chatDecode = _meter.CreateHistogram<double>("sieve.chat.decode", "s", "First content to the end of the answer", advice: Seconds);
        _chatTokens = _meter.CreateCounter<long>("sieve.chat.tokens", "{token}", "Tokens the backend reported, by direction");
        _sessions = _meter.CreateCounter<long>("sieve.chat.session_requests", "{request}", "Chat requests bound to a session, by whether the session existed");
    }

    public void JobSubmitted(JobKind kind) => _jobsSubmitted.Add(1, new KeyValuePair<string, object?>("kind", Kind(kind)));

    public void JobFinished(JobKind kind, string outcome, TimeSpan elapsed) =>
        _jobDuration.Record(elapsed.TotalSeconds, new("kind", Kind(kind)), new("outcome", outcome));

    public void ChatTimings(string model, TimeSpan firstToken, TimeSpan decode)
    {
        var tag = new KeyValuePair<string, object?>("model", model);
        _chatFirstToken.Record(firstToken.TotalSeconds, tag);
        _chatDecode.Record(decode.TotalSeconds, tag);
    }

    /// <summary>Counts a finished chat turn's tokens and logs its usage: what the prompt cost, how much of it the
    /// backend took from its prefix cache, and — when a vision-token reduction ran — how many image tokens went on
    /// (the local runtime's counts; other backends report what they have).</summary>
    public void ChatUsage(string model, UsageDetails? usage)
    {
        ChatTokens(model, usage?.InputTokenCount, usage?.OutputTokenCount);
        if (_log is null || !_log.IsEnabled(LogLevel.Information) || usage is null) return;
        long? images = null, kept = null;
        if (usage.AdditionalCounts is { } counts)
        {
            if (counts.TryGetValue("image_tokens", out var n)) images = n;
            if (counts.TryGetValue("image_tokens_kept", out var k)) kept = k;
        }
        _log.LogInformation(
            "chat {Model}: prompt {InputTokens} tokens ({CachedTokens} from the prefix cache), {OutputTokens} generated, image tokens kept {KeptImageTokens} of {ImageTokens}",
            model, usage.InputTokenCount, usage.CachedInputTokenCount, usage.OutputTokenCount, kept, images);
    }

    public void ChatTokens(string model, long? input, long? output)
    {
        if (input is { } i) _chatTokens.Add(i, new("model", model), new("direction", "input"));
        if (output is { } o) _chatTokens.Add(o, new("model", model), new("direction", "output"));
    }

    public void SessionRequest(bool existed) => _sessions.Add(1, new KeyValuePair<string, object?>("hit", existed));

    private static string Kind(JobKind kind) => kind == JobKind.Report ? "report" : "batch";

    public void Dispose() => _meter.Dispose();
}
