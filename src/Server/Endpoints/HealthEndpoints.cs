using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Sieve.Server.Jobs;

namespace Sieve.Server.Endpoints;

/// <summary>/healthz: the job table answers, and whether a chat backend is configured. Open without a key, so a
/// load balancer or a supervisor can ask.</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", (HttpContext context, JobStore jobs) =>
        {
            var counts = jobs.CountByState();
            return Results.Ok(new
            {
                status = "ok",
                chatBackend = context.RequestServices.GetService<IChatClient>() is not null,
                jobs = new
                {
                    queued = counts.GetValueOrDefault(JobState.Queued),
                    running = counts.GetValueOrDefault(JobState.Running),
                    done = counts.GetValueOrDefault(JobState.Done),
                    failed = counts.GetValueOrDefault(JobState.Failed),
                },
            });
        }).WithTags("health").WithSummary("Liveness and job counts");
}
