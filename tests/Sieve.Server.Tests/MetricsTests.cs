using System.Net.Http.Json;

namespace Sieve.Server.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_show_request_latencies_and_jobs_in_prometheus_format()
    {
        await using var server = await LiveServer.StartAsync();
        await server.Client.GetAsync("/v1/models");
        var post = await server.Client.PostAsJsonAsync("/v1/reports", new { patentPath = "patents/coxib", molecule = LiveServer.Celecoxib });
        await server.WaitAsync(post.Headers.Location!.ToString());

        // The exporter caches a scrape briefly; ask until the job's metrics are in. (Other test servers in this process
        // feed the same meter names, so counts are not asserted exactly.)
        string text = "";
        for (var i = 0; i < 50 && !text.Contains("sieve_jobs_duration", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            text = await server.Client.GetStringAsync("/metrics");
        }
        Assert.Contains("http_server_request_duration_seconds_bucket", text);
        Assert.Contains("http_route=\"/v1/models\"", text);
        Assert.Contains("sieve_jobs_submitted", text);
        Assert.Contains(text.Split('\n'), l => l.StartsWith("sieve_jobs_duration_seconds_count{", StringComparison.Ordinal) && l.Contains("kind=\"report\",outcome=\"done\"", StringComparison.Ordinal));
        // Buckets fit seconds-long jobs, not milliseconds.
        Assert.Contains("sieve_jobs_duration_seconds_bucket{otel_scope_name=\"Sieve.Server\",kind=\"report\",outcome=\"done\",le=\"0.25\"}", text);
    }
}
