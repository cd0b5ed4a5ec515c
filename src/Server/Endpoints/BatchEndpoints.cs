using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Sieve.KernelFunctions.Paths;
using Sieve.Server.Hosting;
using Sieve.Server.Jobs;
using Sieve.Server.Telemetry;
using Sieve.Server.Uploads;

namespace Sieve.Server.Endpoints;

/// <summary>POST /v1/batches starts a batch (every molecule × every patent package); GET /v1/batches/{id} answers
/// its status with progress, then the verdicts (or <c>?format=csv</c> for matrix.csv, <c>jsonl</c> for verdicts.jsonl).</summary>
internal static class BatchEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/batches").WithTags("batches");
        group.MapPost("", Create)
            .WithSummary("Start a batch job")
            .WithDescription("multipart/form-data: 'patents' (zip whose top folders are patent packages) or 'patentsPath' (a folder of " +
                             "packages inside the allowed root), 'molecules' (SMILES lines or SDF, field or file), optional 'parallel'. " +
                             "application/json: {\"patentsPath\", \"molecules\", \"parallel\"}.")
            .Accepts<BatchJsonRequest>("application/json", "multipart/form-data")
            .Produces<JobStatus>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id}", Get)
            .WithSummary("Progress (202) until done, then the verdicts (JSON), matrix.csv (?format=csv) or verdicts.jsonl (?format=jsonl)")
            .Produces<BatchResultResponse>().Produces<JobStatus>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Create(HttpContext context, AllowedRoot root, JobStore store, JobQueue queue, JobFolders folders,
        ServerMetrics metrics, IOptions<ServerOptions> options)
    {
        var request = await JobRequest.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var moleculesText = request.Required("molecules", "give SMILES lines or SDF");
        var molecules = BatchMolecules.Read(moleculesText);
        if (molecules.Count == 0) throw new RequestInputException("molecules", "no molecule in the text");
        var parallel = 1;
        if (request.Text("parallel") is { } p && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out parallel) || parallel < 1 || parallel > options.Value.JobWorkers * 4))
            throw new RequestInputException("parallel", $"'{p}' must be a whole number from 1 to {options.Value.JobWorkers * 4}");

        var upload = request.Part("patents");
        var path = request.Text("patentsPath");
        if ((upload is null) == (path is null))
            throw new RequestInputException("patents", "give exactly one of 'patents' (a zip of package folders) or 'patentsPath' (a folder inside the allowed root)");
        var id = JobStore.NewId();
        string patentsDirectory;
        if (upload is not null)
        {
            var files = PatentZip.Extract(upload.Content, options.Value.MaxExtractedBytes, options.Value.MaxZipEntries, folderOfPackages: true);
            patentsDirectory = folders.Package(id);
            Directory.CreateDirectory(folders.Job(id));
            PatentZip.WriteTo(files, patentsDirectory);
        }
        else
        {
            patentsDirectory = JobRequests.ResolveFolder(root, path!, "patentsPath");
            if (Sieve.Agents.Batch.BatchRunner.FindPatents(patentsDirectory).Count == 0)
                throw new RequestInputException("patentsPath", $"'{path}' has no subfolder with claims.txt", StatusCodes.Status422UnprocessableEntity);
        }
        Directory.CreateDirectory(folders.Job(id));
        await File.WriteAllTextAsync(folders.Molecules(id), moleculesText, context.RequestAborted).ConfigureAwait(false);
        var total = molecules.Count * Sieve.Agents.Batch.BatchRunner.FindPatents(patentsDirectory).Count;
        var job = store.Create(id, JobKind.Batch, JobRequests.Caller(context),
            JobJson.Write(new BatchJobInput(patentsDirectory, folders.Molecules(id), parallel)), total);
        queue.Enqueue(id);
        metrics.JobSubmitted(JobKind.Batch);
        var location = $"/v1/batches/{id}";
        return Results.Accepted(location, JobStatus.Of(job, location));
    }

    private static IResult Get(HttpContext context, string id, string? format, JobStore store, JobFolders folders)
    {
        var f = (format ?? "json").ToLowerInvariant();
        if (f is not ("json" or "csv" or "jsonl"))
            throw new RequestInputException("format", $"'{format}' is not a batch format; use json, csv or jsonl");
        var job = JobRequests.Visible(store, context, id, JobKind.Batch);
        if (job is null) return Problems.NotFound($"no batch job '{id}'");
        var location = $"/v1/batches/{id}";
        if (job.State == JobState.Failed)
            return Problems.Status(StatusCodes.Status422UnprocessableEntity, $"the batch could not run: {job.Error}");
        if (job.State != JobState.Done) return ReportEndpoints.Pending(context, job, location);
        var outDir = folders.Batch(id);
        return f switch
        {
            "csv" => Results.File(Path.Combine(outDir, "matrix.csv"), "text/csv; charset=utf-8"),
            "jsonl" => Results.File(Path.Combine(outDir, "verdicts.jsonl"), "application/jsonl; charset=utf-8"),
            _ => Results.Ok(Result(job, outDir, location)),
        };
    }

    private static BatchResultResponse Result(JobRecord job, string outDir, string location)
    {
        var verdicts = File.ReadLines(Path.Combine(outDir, "verdicts.jsonl"))
            .Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        int Count(string v) => verdicts.Count(e => e.GetProperty("verdict").GetString() == v);
        return new BatchResultResponse(JobStatus.Of(job, location), verdicts.Count, Count("covered"), Count("not covered"),
            Count("undetermined"), Count("error"), verdicts);
    }
}

public sealed record BatchJsonRequest(string PatentsPath, string Molecules, int? Parallel);

/// <summary>A finished batch: counts by verdict and one entry per molecule × patent pair, in input order.</summary>
public sealed record BatchResultResponse(JobStatus Job, int Pairs, int Covered, int NotCovered, int Undetermined, int Errors,
    IReadOnlyList<JsonElement> Verdicts);
