using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Sieve.Server.Chat;

/// <summary>Writes the OpenAI chat-completions wire format: a whole <c>chat.completion</c>, or the
/// <c>chat.completion.chunk</c> objects of a stream. Tool calls carry their arguments as a JSON string, as OpenAI does.</summary>
public static class ChatResponseWriter
{
    /// <summary>Arguments go out compact, as OpenAI writes them.</summary>
    private static readonly JsonSerializerOptions Arguments = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static void WriteCompletion(Utf8JsonWriter w, string id, string model, long created, ChatResponse response)
    {
        var contents = response.Messages.SelectMany(m => m.Contents).ToList();
        var text = string.Concat(contents.OfType<TextContent>().Select(t => t.Text));
        var calls = contents.OfType<FunctionCallContent>().ToList();
        w.WriteStartObject();
        Header(w, id, "chat.completion", model, created);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        if (text.Length > 0 || calls.Count == 0) w.WriteString("content", text);
        else w.WriteNull("content");
        if (calls.Count > 0)
        {
            w.WriteStartArray("tool_calls");
            for (var i = 0; i < calls.Count; i++) WriteToolCall(w, calls[i], index: null);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", FinishReason(response.FinishReason, calls.Count > 0));
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, response.Usage);
        w.WriteEndObject();
    }

    /// <summary>One stream chunk with a delta: a role, text, and/or tool calls (numbered from <paramref name="firstToolIndex"/>).</summary>
    public static void WriteChunk(Utf8JsonWriter w, string id, string model, long created, string? role, string? text,
        IReadOnlyList<FunctionCallContent> calls, int firstToolIndex, string? finishReason)
    {
        w.WriteStartObject();
        Header(w, id, "chat.completion.chunk", model, created);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        if (role is not null) w.WriteString("role", role);
        if (text is not null) w.WriteString("content", text);
        if (calls.Count > 0)
        {
            w.WriteStartArray("tool_calls");
            for (var i = 0; i < calls.Count; i++) WriteToolCall(w, calls[i], firstToolIndex + i);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteNull("logprobs");
        if (finishReason is null) w.WriteNull("finish_reason");
        else w.WriteString("finish_reason", finishReason);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The last chunk when the client asked for <c>stream_options.include_usage</c>: no choices, the usage.</summary>
    public static void WriteUsageChunk(Utf8JsonWriter w, string id, string model, long created, UsageDetails? usage)
    {
        w.WriteStartObject();
        Header(w, id, "chat.completion.chunk", model, created);
        w.WriteStartArray("choices");
        w.WriteEndArray();
        WriteUsage(w, usage);
        w.WriteEndObject();
    }

    public static string FinishReason(ChatFinishReason? reason, bool hasToolCalls)
    {
        if (hasToolCalls) return "tool_calls";
        if (reason == ChatFinishReason.Length) return "length";
        if (reason == ChatFinishReason.ContentFilter) return "content_filter";
        if (reason == ChatFinishReason.ToolCalls) return "tool_calls";
        return "stop";
    }

    private static void Header(Utf8JsonWriter w, string id, string kind, string model, long created)
    {
        w.WriteString("id", id);
        w.WriteString("object", kind);
        w.WriteNumber("created", created);
        w.WriteString("model", model);
        w.WriteNull("system_fingerprint");
    }

    private static void WriteToolCall(Utf8JsonWriter w, FunctionCallContent call, int? index)
    {
        w.WriteStartObject();
        if (index is { } i) w.WriteNumber("index", i);
        w.WriteString("id", call.CallId);
        w.WriteString("type", "function");
        w.WriteStartObject("function");
        w.WriteString("name", call.Name);
        w.WriteString("arguments", JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), Arguments));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter w, UsageDetails? usage)
    {
        if (usage is null)
        {
            w.WriteNull("usage");
            return;
        }
        var input = usage.InputTokenCount ?? 0;
        var output = usage.OutputTokenCount ?? 0;
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", input);
        w.WriteNumber("completion_tokens", output);
        w.WriteNumber("total_tokens", usage.TotalTokenCount ?? input + output);
        w.WriteEndObject();
    }
}
