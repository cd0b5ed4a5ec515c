using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Sieve.Server.Chat;
using Sieve.Server.Hosting;
using Sieve.Server.Telemetry;

namespace Sieve.Server.Endpoints;

/// <summary>The OpenAI-compatible surface: POST /v1/chat/completions (JSON or SSE) and GET /v1/models, where a model
/// is a Sieve agent answered by the configured chat backend (the <see cref="IChatClient"/> in DI). Stateless per
/// request as OpenAI is, unless <c>X-Sieve-Session</c> binds the request to a stored session.</summary>
internal static class ChatEndpoints
{
    public const string SessionHeader = "X-Sieve-Session";
    public const string TimeoutPolicy = "chat";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("openai");
        group.MapGet("/models", () => Results.Json(new { @object = "list", data = AgentCatalog.All.Select(Model) }))
            .WithSummary("The Sieve agents, as OpenAI models");
        group.MapGet("/models/{id}", (string id) => AgentCatalog.Find(id) is { } a ? Results.Json(Model(a)) : Problems.NotFound($"no model '{id}'; GET /v1/models lists them"))
            .WithSummary("One Sieve agent, as an OpenAI model");
        group.MapPost("/chat/completions", Complete)
            .WithSummary("OpenAI-compatible chat completion (set \"stream\": true for server-sent events)")
            .WithDescription("Messages may carry image_url parts as data: URIs; function tools are passed to the backend and its tool " +
                             "calls come back to the client. Header X-Sieve-Session binds the request to a stored session.")
            .WithRequestTimeout(TimeoutPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static object Model(SieveAgent a) => new { id = a.Id, @object = "model", created = 0, owned_by = "sieve", description = a.Description };

    private static async Task<IResult> Complete(HttpContext context, ServerMetrics metrics)
    {
        var chat = context.RequestServices.GetService<IChatClient>();
        if (chat is null)
            return Problems.Status(StatusCodes.Status503ServiceUnavailable,
                "no chat backend is configured. Set Agents:Backend:Kind in appsettings.json to 'openai' (with Agents:Backend:OpenAI:Endpoint " +
                "and :Model) or 'local' (the local runtime), or the environment variable SIEVE_Agents__Backend__Kind, and restart `sieve serve`. " +
                "The report endpoints (/v1/reports, /v1/batches) and MCP tools work without one.");
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new RequestInputException("body", $"not valid JSON ({e.Message})");
        }
        ChatCompletionRequest request;
        using (doc) request = ChatRequestReader.Read(doc.RootElement);
        var agent = AgentCatalog.Find(request.Model)
                    ?? throw new RequestInputException("model", $"'{request.Model}' is not served; models: {string.Join(", ", AgentCatalog.All.Select(a => a.Id))}", StatusCodes.Status404NotFound);
        request.Options.Instructions = agent.Instructions;
        request.Options.ModelId = null; // the backend serves its own model; the agent id names the behaviour, not the weights

        var messages = request.Messages;
        var sessionId = context.Request.Headers[SessionHeader].ToString();
        IChatSessionBinding? binding = null;
        if (sessionId.Length > 0)
        {
            binding = context.RequestServices.GetService<IChatSessionBinding>();
            if (binding is null)
                return Problems.Status(StatusCodes.Status501NotImplemented,
                    $"{SessionHeader}: this server has no session store wired in; send the whole conversation in 'messages' (stateless, as OpenAI) or omit the header");
            try
            {
                messages = await binding.OpenAsync(sessionId, request.Messages, context.RequestAborted).ConfigureAwait(false);
                metrics.SessionRequest(true);
            }
            catch (ChatSessionNotFoundException)
            {
                metrics.SessionRequest(false);
                return Problems.BadInput(SessionHeader, $"no session '{sessionId}'", StatusCodes.Status404NotFound);
            }
            request.Options.ConversationId = sessionId;
        }

        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var started = Stopwatch.GetTimestamp();
        ChatResponse response;
        if (!request.Stream)
        {
            response = await chat.GetResponseAsync(messages, request.Options, context.RequestAborted).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.ChatTimings(agent.Id, elapsed, TimeSpan.Zero);
            metrics.ChatUsage(agent.Id, response.Usage);
            if (binding is not null) await binding.SaveAsync(sessionId, request.Messages, response.Messages.ToList(), context.RequestAborted).ConfigureAwait(false);
            context.Response.ContentType = "application/json";
            await using var w = new Utf8JsonWriter(context.Response.Body);
            ChatResponseWriter.WriteCompletion(w, id, agent.Id, created, response);
            await w.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            return Results.Empty;
        }
        response = await ChatStream.WriteAsync(context, chat, messages, request, id, agent.Id, created, metrics).ConfigureAwait(false);
        if (binding is not null) await binding.SaveAsync(sessionId, request.Messages, response.Messages.ToList(), context.RequestAborted).ConfigureAwait(false);
        return Results.Empty;
    }
}
