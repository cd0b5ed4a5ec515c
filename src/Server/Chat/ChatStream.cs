using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Sieve.Server.Telemetry;

namespace Sieve.Server.Chat;

/// <summary>Streams a chat completion as server-sent events in OpenAI's chunk format. The first update is awaited
/// before anything is written, so a backend that fails at once still gets a proper problem response; after that, a
/// failure ends the stream with an error event. The request's cancellation (client gone, timeout) reaches the
/// backend through the enumerator.</summary>
internal static class ChatStream
{
    public static async Task<ChatResponse> WriteAsync(HttpContext context, IChatClient chat, IEnumerable<ChatMessage> messages,
        ChatCompletionRequest request, string id, string model, long created, ServerMetrics metrics)
    {
        var cancel = context.RequestAborted;
        var started = Stopwatch.GetTimestamp();
        var updates = new List<ChatResponseUpdate>();
        await using var stream = chat.GetStreamingResponseAsync(messages, request.Options, cancel).GetAsyncEnumerator(cancel);
        var more = await stream.MoveNextAsync().ConfigureAwait(false);
        var firstToken = Stopwatch.GetElapsedTime(started);

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var body = context.Response.Body;
        await Event(body, w => ChatResponseWriter.WriteChunk(w, id, model, created, "assistant", "", [], 0, null), cancel).ConfigureAwait(false);
        var toolIndex = 0;
        var sawCalls = false;
        ChatFinishReason? finish = null;
        try
        {
            while (more)
            {
                var update = stream.Current;
                updates.Add(update);
                finish ??= update.FinishReason;
                var text = string.Concat(update.Contents.OfType<TextContent>().Select(t => t.Text));
                var calls = update.Contents.OfType<FunctionCallContent>().ToList();
                if (text.Length > 0 || calls.Count > 0)
                {
                    var first = toolIndex;
                    await Event(body, w => ChatResponseWriter.WriteChunk(w, id, model, created, null, text.Length > 0 ? text : null, calls, first, null), cancel)
                        .ConfigureAwait(false);
                    toolIndex += calls.Count;
                    sawCalls |= calls.Count > 0;
                }
                more = await stream.MoveNextAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Headers are gone: the stream itself says what happened, and the log keeps the rest.
            await Error(body, "the chat backend failed while answering", cancel).ConfigureAwait(false);
            throw;
        }
        var response = updates.ToChatResponse();
        await Event(body, w => ChatResponseWriter.WriteChunk(w, id, model, created, null, null, [], 0, ChatResponseWriter.FinishReason(finish, sawCalls)), cancel)
            .ConfigureAwait(false);
        if (request.IncludeUsage)
            await Event(body, w => ChatResponseWriter.WriteUsageChunk(w, id, model, created, response.Usage), cancel).ConfigureAwait(false);
        await body.WriteAsync("data: [DONE]\n\n"u8.ToArray(), cancel).ConfigureAwait(false);
        await body.FlushAsync(cancel).ConfigureAwait(false);
        metrics.ChatTimings(model, firstToken, Stopwatch.GetElapsedTime(started) - firstToken);
        metrics.ChatUsage(model, response.Usage);
        return response;
    }

    private static async Task Event(Stream body, Action<Utf8JsonWriter> write, CancellationToken cancel)
    {
        using var buffer = new MemoryStream();
        buffer.Write("data: "u8);
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        buffer.Write("\n\n"u8);
        await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancel).ConfigureAwait(false);
        await body.FlushAsync(cancel).ConfigureAwait(false);
    }

    private static Task Error(Stream body, string message, CancellationToken cancel) =>
        Event(body, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("message", message);
            w.WriteString("type", "server_error");
            w.WriteEndObject();
            w.WriteEndObject();
        }, cancel);
}
