using System.Diagnostics;

namespace Sieve.Bench.Server;

/// <summary>What one bounded load phase measured: finished operations, failures with their first reasons, and the
/// latency of every successful operation.</summary>
internal sealed class PhaseResult(string name)
{
    private readonly List<double> _latencies = [];
    private readonly List<string> _failures = [];

    public string Name { get; } = name;
    public TimeSpan Elapsed { get; set; }
    public int Ok { get { lock (_latencies) return _latencies.Count; } }
    public int Errors { get { lock (_failures) return _failures.Count; } }
    public IEnumerable<string> FirstFailures { get { lock (_failures) return _failures.Take(5).ToList(); } }

    public void Success(TimeSpan latency) { lock (_latencies) _latencies.Add(latency.TotalMilliseconds); }
    public void Failure(string why) { lock (_failures) _failures.Add(why); }

    public double Percentile(double p)
    {
        lock (_latencies)
        {
            if (_latencies.Count == 0) return double.NaN;
            var sorted = _latencies.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }
}

/// <summary>Runs <c>clients</c> loops, each doing one operation after another until the duration is over (an
/// operation started before the end is allowed to finish), and times each.</summary>
internal static class LoadLoop
{
    public static async Task<PhaseResult> RunAsync(string name, int clients, TimeSpan duration, Func<int, Task<string?>> operation)
    {
        var result = new PhaseResult(name);
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                string? failure;
                try
                {
                    failure = await operation(client);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
                {
                    failure = $"{e.GetType().Name}: {e.Message}";
                }
                if (failure is null) result.Success(Stopwatch.GetElapsedTime(started));
                else result.Failure(failure);
            }
        }));
        await Task.WhenAll(loops);
        result.Elapsed = clock.Elapsed;
        return result;
    }
}
