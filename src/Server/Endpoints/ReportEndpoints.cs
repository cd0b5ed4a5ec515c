using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Sieve.Agents.PatentFinder;
using Sieve.KernelFunctions.Paths;
using Sieve.Server.Hosting;
using Sieve.Server.Jobs;
using Sieve.Server.Telemetry;
using Sieve.Server.Uploads;

namespace Sieve.Server.Endpoints;

/// <summary>POST /v1/reports starts a report job; GET /v1/reports/{id} answers its status until it is done, then
/// the report (JSON, or <c>?format=html|md</c>).</summary>
internal static class ReportEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/reports").WithTags("reports");
        group.MapPost("", Create)
            .WithSummary("Start an infringement report job")
            .WithDescription("multipart/form-data: 'patent' (zip of a patent package) or 'patentPath' (a package folder inside the " +
                             "server's allowed root), and 'molecule' (SMILES or a molfile, as a field or a file). application/json: " +
                             "{\"patentPath\", \"molecule\"}. Answers 202 with the job's status and its Location.")
            .Accepts<ReportJsonRequest>("application/json", "multipart/form-data")
            .Produces<JobStatus>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/{id}", Get)
            .WithSummary("The report when done (JSON, or ?format=html|md); the job's status (202) before")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces<JobStatus>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/status", Status).WithSummary("The job's status").Produces<JobStatus>();
    }

    private static async Task<IResult> Create(HttpContext context, AllowedRoot root, JobStore store, JobQueue queue, JobFolders folders,
        ServerMetrics metrics, IOptions<ServerOptions> options)
    {
        var request = await JobRequest.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var moleculeText = request.Required("molecule", "give SMILES or a molfile");
        var name = moleculeText.Trim().Contains('\n', StringComparison.Ordinal) ? "molfile" : moleculeText.Trim();
        try
        {
            MoleculeSource.FromText(moleculeText, name);
        }
        catch (ArgumentException e)
        {
            throw new RequestInputException("molecule", e.Message);
        }

        var upload = request.Part("patent");
        var path = request.Text("patentPath");
        if ((upload is null) == (path is null))
            throw new RequestInputException("patent", "give exactly one of 'patent' (a zip upload) or 'patentPath' (a folder inside the allowed root)");
        var id = JobStore.NewId();
        string patentDirectory;
        if (upload is not null)
        {
            var files = PatentZip.Extract(upload.Content, options.Value.MaxExtractedBytes, options.Value.MaxZipEntries);
            patentDirectory = folders.Package(id);
            Directory.CreateDirectory(folders.Job(id));
            PatentZip.WriteTo(files, patentDirectory);
        }
        else
        {
            patentDirectory = JobRequests.ResolveFolder(root, path!, "patentPath");
            if (!File.Exists(Path.Combine(patentDirectory, "claims.txt")))
                throw new RequestInputException("patentPath", $"'{path}' holds no claims.txt; a patent package folder is needed", StatusCodes.Status422UnprocessableEntity);
        }
        var job = store.Create(id, JobKind.Report, JobRequests.Caller(context), JobJson.Write(new ReportJobInput(patentDirectory, moleculeText, name)), 1);
        queue.Enqueue(id);
        metrics.JobSubmitted(JobKind.Report);
        var location = $"/v1/reports/{id}";
        return Results.Accepted(location, JobStatus.Of(job, location));
    }

    private static IResult Get(HttpContext context, string id, string? format, JobStore store, JobFolders folders)
    {
        var (contentType, file) = (format ?? "json").ToLowerInvariant() switch
        {
            "json" => ("application/json", "report.json"),
            "html" => ("text/html; charset=utf-8", "report.html"),
            "md" or "markdown" => ("text/markdown; charset=utf-8", "report.md"),
            _ => throw new RequestInputException("format", $"'{format}' is not a report format; use json, html or md"),
        };
        var job = JobRequests.Visible(store, context, id, JobKind.Report);
        if (job is null) return Problems.NotFound($"no report job '{id}'");
        var location = $"/v1/reports/{id}";
        return job.State switch
        {
            JobState.Done => Results.File(Path.Combine(folders.Report(id), file), contentType),
            JobState.Failed => Problems.Status(StatusCodes.Status422UnprocessableEntity, $"the report could not be made: {job.Error}"),
            _ => Pending(context, job, location),
        };
    }

    private static IResult Status(HttpContext context, string id, JobStore store)
    {
        var job = JobRequests.Visible(store, context, id, JobKind.Report);
        return job is null ? Problems.NotFound($"no report job '{id}'") : Results.Ok(JobStatus.Of(job, $"/v1/reports/{id}"));
    }

    internal static IResult Pending(HttpContext context, JobRecord job, string location)
    {
        context.Response.Headers.RetryAfter = "1";
        return Results.Json(JobStatus.Of(job, location), statusCode: StatusCodes.Status202Accepted);
    }
}

/// <summary>The JSON form of a report request (the OpenAPI document shows it).</summary>
public sealed record ReportJsonRequest(string PatentPath, string Molecule);
