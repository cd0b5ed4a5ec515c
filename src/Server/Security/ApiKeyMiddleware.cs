using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Sieve.Server.Hosting;

namespace Sieve.Server.Security;

/// <summary>Who is calling, and how much they may ask. While no active key exists (only possible on loopback) every
/// request is served as the local user. Once one exists, every request but /healthz needs one
/// (<c>Authorization: Bearer KEY</c> or <c>X-API-Key: KEY</c>); each key has its own in-flight limit (429 beyond it)
/// and request-size limit (413 beyond it).</summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyStore keys, IOptions<ServerOptions> options)
{
    /// <summary>The caller's key id, for job ownership; null for the local user.</summary>
    public const string KeyIdItem = "sieve.key";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _inFlight = new(StringComparer.Ordinal);
    private readonly ServerOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/healthz") || keys.ActiveCount() == 0)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        var presented = Presented(context.Request);
        if (presented is null)
        {
            await Refuse(context, StatusCodes.Status401Unauthorized, "no API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>' (create one with `sieve keys create`)").ConfigureAwait(false);
            return;
        }
        var key = keys.Find(presented);
        if (key is null)
        {
            await Refuse(context, StatusCodes.Status401Unauthorized, "the API key is unknown or revoked").ConfigureAwait(false);
            return;
        }
        context.Items[KeyIdItem] = key.Id;
        if (key.MaxRequestBytes > 0 && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = Math.Min(key.MaxRequestBytes, size.MaxRequestBodySize ?? long.MaxValue);
        if (key.MaxRequestBytes > 0 && context.Request.ContentLength > key.MaxRequestBytes)
        {
            await Refuse(context, StatusCodes.Status413PayloadTooLarge, $"the body is {context.Request.ContentLength} bytes; this API key allows {key.MaxRequestBytes}").ConfigureAwait(false);
            return;
        }
        var limit = key.MaxConcurrency > 0 ? key.MaxConcurrency : _options.DefaultKeyConcurrency;
        var gate = _inFlight.GetOrAdd(key.Id, _ => new SemaphoreSlim(limit, limit));
        if (!gate.Wait(0))
        {
            context.Response.Headers.RetryAfter = "1";
            await Refuse(context, StatusCodes.Status429TooManyRequests, $"this API key already has {limit} request(s) in flight; retry when one finishes").ConfigureAwait(false);
            return;
        }
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private static string? Presented(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return auth["Bearer ".Length..].Trim();
        var header = request.Headers["X-API-Key"].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }

    private static Task Refuse(HttpContext context, int status, string detail) =>
        Problems.Status(status, detail).ExecuteAsync(context);
}
