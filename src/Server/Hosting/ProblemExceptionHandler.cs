using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sieve.Server.Hosting;

/// <summary>Turns every exception that escapes an endpoint into problem+json: bad input keeps its 4xx and message,
/// Kestrel's own refusals (body too large, malformed request) keep theirs, a timeout is 504, and anything else is a
/// 500 that names only the trace id — the stack trace goes to the log, never to the client.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail, parameter) = exception switch
        {
            RequestInputException e => (e.Status, e.Message, e.Parameter),
            BadHttpRequestException e => (e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "the request body is larger than this server (or this API key) accepts; nothing was stored"
                : e.Message, null),
            InvalidDataException e => (StatusCodes.Status400BadRequest, $"malformed request body: {e.Message}", null),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested =>
                (499, "the client closed the request; the work was cancelled", null),
            OperationCanceledException or TimeoutException =>
                (StatusCodes.Status504GatewayTimeout, "the request took longer than the server allows and was cancelled", null),
            _ => (StatusCodes.Status500InternalServerError, $"internal error (trace id {context.TraceIdentifier}); the server log has the details", (string?)null),
        };
        if (status >= 500 && status != StatusCodes.Status504GatewayTimeout)
            log.LogError(exception, "request {TraceId} failed", context.TraceIdentifier);
        if (context.Response.HasStarted) return true;
        context.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = Problems.TitleFor(status), Detail = detail };
        if (parameter is not null) problem.Extensions["parameter"] = parameter;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception })
            .ConfigureAwait(false);
    }
}
