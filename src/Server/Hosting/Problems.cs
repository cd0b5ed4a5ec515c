using Microsoft.AspNetCore.Http;

namespace Sieve.Server.Hosting;

/// <summary>The problem+json answers (RFC 9457) the endpoints give: a title, the status, and a detail naming the
/// input and what is wrong with it. Never a stack trace.</summary>
public static class Problems
{
    public static IResult BadInput(string parameter, string problem, int status = StatusCodes.Status400BadRequest) =>
        Results.Problem(detail: $"{parameter}: {problem}", statusCode: status, title: TitleFor(status),
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    public static IResult NotFound(string what) =>
        Results.Problem(detail: what, statusCode: StatusCodes.Status404NotFound, title: TitleFor(StatusCodes.Status404NotFound));

    public static IResult Status(int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: TitleFor(status));

    public static string TitleFor(int status) => status switch
    {
        400 => "Bad request",
        401 => "API key required",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Request too large",
        415 => "Unsupported content",
        422 => "Input could not be processed",
        429 => "Too many requests",
        499 => "Client closed request",
        501 => "Not configured",
        503 => "Service unavailable",
        504 => "Timed out",
        _ => status >= 500 ? "Server error" : "Request failed",
    };
}

/// <summary>Bad input found deep in a handler: becomes a 4xx problem naming <see cref="Parameter"/>.</summary>
public sealed class RequestInputException(string parameter, string problem, int status = StatusCodes.Status400BadRequest)
    : Exception($"{parameter}: {problem}")
{
    public string Parameter { get; } = parameter;
    public string Problem { get; } = problem;
    public int Status { get; } = status;
}
