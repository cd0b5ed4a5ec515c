using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sieve.Server.Hosting;
using Sieve.Server.Telemetry;

namespace Sieve.Server.Jobs;

/// <summary>Runs queued jobs on <c>JobWorkers</c> loops. At start it queues every job the table holds as queued or
/// running — a job in flight when the last server stopped runs again from the start. At shutdown the jobs in flight
/// are abandoned, not marked failed, for the same reason.</summary>
internal sealed class JobWorker(JobStore store, JobQueue queue, JobRunner runner, ServerMetrics metrics,
    IOptions<ServerOptions> options, ILogger<JobWorker> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var job in store.Unfinished())
        {
            runner.CleanUp(job.Id);
            queue.Enqueue(job.Id);
            log.LogInformation("job {Id} ({Kind}) was {State} at the last stop; queued again", job.Id, job.Kind, job.State);
        }
        var loops = Enumerable.Range(0, Math.Max(1, options.Value.JobWorkers)).Select(_ => Task.Run(() => Loop(stoppingToken), CancellationToken.None));
        return Task.WhenAll(loops);
    }

    private async Task Loop(CancellationToken stop)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stop).ConfigureAwait(false))
                while (!stop.IsCancellationRequested && queue.Reader.TryRead(out var id))
                    RunOne(id, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutdown: what is queued or running stays so in the table and runs at the next start.
        }
    }

    private void RunOne(string id, CancellationToken stop)
    {
        var job = store.Get(id);
        if (job is null || job.State is JobState.Done or JobState.Failed) return;
        store.SetState(id, JobState.Running);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            runner.Run(job, stop);
            store.SetState(id, JobState.Done);
            metrics.JobFinished(job.Kind, "done", System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or FormatException
                                      or InvalidOperationException or System.Text.Json.JsonException)
        {
            // The input could not be processed: the job says why; the server goes on.
            store.SetState(id, JobState.Failed, e.Message);
            metrics.JobFinished(job.Kind, "failed", System.Diagnostics.Stopwatch.GetElapsedTime(started));
            log.LogWarning("job {Id} failed: {Reason}", id, e.Message);
        }
#pragma warning disable CA1031 // A bug met by one job must not stop the worker: the job fails, the log has the trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            store.SetState(id, JobState.Failed, "internal error; the server log has the details");
            metrics.JobFinished(job.Kind, "failed", System.Diagnostics.Stopwatch.GetElapsedTime(started));
            log.LogError(e, "job {Id} failed", id);
        }
    }
}
