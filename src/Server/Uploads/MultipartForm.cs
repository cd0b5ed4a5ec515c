using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Sieve.Server.Hosting;

namespace Sieve.Server.Uploads;

/// <summary>Reads a multipart/form-data body part by part into memory, never to a temporary file, so a refused
/// upload leaves nothing on disk. The whole body is already capped by Kestrel (and the caller's API key); this caps
/// the number of parts and their names.</summary>
public static class MultipartForm
{
    private const int MaxParts = 16;

    public static async Task<IReadOnlyDictionary<string, FormPart>> ReadAsync(HttpRequest request, CancellationToken cancel)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary))
            throw new RequestInputException("Content-Type", "multipart/form-data without a boundary");
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        var parts = new Dictionary<string, FormPart>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync(cancel).ConfigureAwait(false) is { } section)
        {
            if (parts.Count == MaxParts) throw new RequestInputException("form", $"more than {MaxParts} parts");
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                throw new RequestInputException("form", "a part without 'Content-Disposition: form-data; name=...'");
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (name.Length == 0) throw new RequestInputException("form", "a part without a name");
            if (parts.ContainsKey(name)) throw new RequestInputException(name, "given twice");
            using var buffer = new MemoryStream();
            await section.Body.CopyToAsync(buffer, cancel).ConfigureAwait(false);
            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            parts[name] = new FormPart(name, string.IsNullOrEmpty(fileName) ? null : fileName, section.ContentType, buffer.ToArray());
        }
        return parts;
    }
}
