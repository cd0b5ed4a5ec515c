using Sieve.Server.Jobs;

namespace Sieve.Server.Endpoints;

/// <summary>What GET answers for a job that is not finished (and /status always): where it stands.</summary>
public sealed record JobStatus(string Id, string Kind, string Status, DateTimeOffset Created, DateTimeOffset Updated,
    JobProgress Progress, string? Error, string Location)
{
    public static JobStatus Of(JobRecord job, string location) => new(
        job.Id, job.Kind == JobKind.Report ? "report" : "batch", job.State.ToString().ToLowerInvariant(), job.Created, job.Updated,
        new JobProgress(job.Done, job.Total), job.Error, location);
}

public sealed record JobProgress(int Done, int Total);
