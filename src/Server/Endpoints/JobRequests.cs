using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Sieve.KernelFunctions.Errors;
using Sieve.KernelFunctions.Paths;
using Sieve.Server.Hosting;
using Sieve.Server.Jobs;
using Sieve.Server.Security;
using Sieve.Server.Uploads;

namespace Sieve.Server.Endpoints;

/// <summary>The fields of a job request, from multipart/form-data (files as parts) or JSON (paths and text only).</summary>
internal sealed class JobRequest
{
    private readonly IReadOnlyDictionary<string, FormPart> _parts;

    private JobRequest(IReadOnlyDictionary<string, FormPart> parts) => _parts = parts;

    public static async Task<JobRequest> ReadAsync(HttpRequest request, CancellationToken cancel)
    {
        if (request.HasFormContentType && request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            return new JobRequest(await MultipartForm.ReadAsync(request, cancel).ConfigureAwait(false));
        if (request.HasJsonContentType())
        {
            JsonDocument doc;
            try
            {
                doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancel).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new RequestInputException("body", $"not valid JSON ({e.Message})");
            }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new RequestInputException("body", "expected a JSON object");
                var parts = new Dictionary<string, FormPart>(StringComparer.Ordinal);
                foreach (var p in doc.RootElement.EnumerateObject())
                    parts[p.Name] = new FormPart(p.Name, null, null, System.Text.Encoding.UTF8.GetBytes(
                        p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()));
                return new JobRequest(parts);
            }
        }
        throw new RequestInputException("Content-Type", $"'{request.ContentType}' is not accepted; send multipart/form-data or application/json",
            StatusCodes.Status415UnsupportedMediaType);
    }

    public FormPart? Part(string name) => _parts.GetValueOrDefault(name);

    public string? Text(string name) => _parts.TryGetValue(name, out var p) ? p.Text : null;

    /// <summary>Text of a part given as a field or a file; a file must be text, not an image or archive.</summary>
    public string Required(string name, string hint)
    {
        if (!_parts.TryGetValue(name, out var part) || part.Content.Length == 0) throw new RequestInputException(name, $"missing; {hint}");
        if (!FileSignatures.Matches(".txt", part.Content))
            throw new RequestInputException(name, $"expected text, got {FileSignatures.Describe(part.Content)}", StatusCodes.Status415UnsupportedMediaType);
        return part.Text;
    }
}

/// <summary>Checks shared by report and batch requests.</summary>
internal static class JobRequests
{
    /// <summary>A server-side path, resolved inside the allowed root (links included) and required to be a folder.</summary>
    public static string ResolveFolder(AllowedRoot root, string path, string parameter)
    {
        string full;
        try
        {
            full = root.Resolve(path, parameter);
        }
        catch (ToolInputException e)
        {
            throw new RequestInputException(e.Parameter, e.Problem, e.Problem.Contains("outside", StringComparison.Ordinal)
                ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
        }
        if (!Directory.Exists(full)) throw new RequestInputException(parameter, $"'{path}' is a file; give the package folder");
        return full;
    }

    public static string? Caller(HttpContext context) => context.Items[ApiKeyMiddleware.KeyIdItem] as string;

    /// <summary>The job, when it exists, is of this kind, and belongs to the caller; otherwise null (answered as 404,
    /// so a job id of someone else's tells nothing).</summary>
    public static JobRecord? Visible(JobStore store, HttpContext context, string id, JobKind kind)
    {
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower)) return null;
        var job = store.Get(id);
        if (job is null || job.Kind != kind) return null;
        return job.Owner is null || job.Owner == Caller(context) ? job : null;
    }
}
