using System.Text.Json;
using Microsoft.Extensions.AI;
using Sieve.Server.Hosting;

namespace Sieve.Server.Chat;

/// <summary>An OpenAI chat-completions request, read into Microsoft.Extensions.AI terms.</summary>
public sealed record ChatCompletionRequest(string Model, IReadOnlyList<ChatMessage> Messages, ChatOptions Options, bool Stream, bool IncludeUsage);

/// <summary>Reads the OpenAI chat-completions request body: messages with text and <c>image_url</c> parts (data URIs
/// only: the server fetches nothing from the network on a client's behalf), assistant tool calls and tool results,
/// function tools (declared to the backend, called by the client), tool_choice and the sampling settings.
/// Anything it cannot honour is refused by name rather than ignored.</summary>
public static class ChatRequestReader
{
    public static ChatCompletionRequest Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) throw Bad("body", "expected a JSON object");
        var model = body.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : throw Bad("model", "missing; GET /v1/models lists them");
        if (!body.TryGetProperty("messages", out var msgs) || msgs.ValueKind != JsonValueKind.Array || msgs.GetArrayLength() == 0)
            throw Bad("messages", "missing or empty; give at least one message");
        var messages = new List<ChatMessage>();
        var i = 0;
        foreach (var msg in msgs.EnumerateArray()) messages.Add(ReadMessage(msg, $"messages[{i++}]"));

        var options = new ChatOptions { ModelId = model };
        if (body.TryGetProperty("n", out var n) && n.ValueKind == JsonValueKind.Number && n.GetInt32() != 1)
            throw Bad("n", "only n = 1 is served");
        options.Temperature = Float(body, "temperature");
        options.TopP = Float(body, "top_p");
        options.FrequencyPenalty = Float(body, "frequency_penalty");
        options.PresencePenalty = Float(body, "presence_penalty");
        options.MaxOutputTokens = Int(body, "max_completion_tokens") ?? Int(body, "max_tokens");
        options.Seed = Int(body, "seed");
        if (body.TryGetProperty("stop", out var stop) && stop.ValueKind != JsonValueKind.Null)
            options.StopSequences = stop.ValueKind == JsonValueKind.String ? [stop.GetString()!]
                : stop.ValueKind == JsonValueKind.Array ? stop.EnumerateArray().Select(s => s.GetString() ?? "").ToList()
                : throw Bad("stop", "expected a string or an array of strings");
        if (body.TryGetProperty("response_format", out var rf) && rf.ValueKind == JsonValueKind.Object)
            options.ResponseFormat = ReadFormat(rf);
        if (body.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
            options.Tools = tools.EnumerateArray().Select((t, k) => ReadTool(t, $"tools[{k}]")).ToList();
        if (body.TryGetProperty("tool_choice", out var choice) && choice.ValueKind != JsonValueKind.Null)
            options.ToolMode = ReadToolChoice(choice);
        if (body.TryGetProperty("parallel_tool_calls", out var ptc) && ptc.ValueKind is JsonValueKind.True or JsonValueKind.False)
            options.AllowMultipleToolCalls = ptc.GetBoolean();

        var stream = body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var usage = body.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object
                    && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True;
        return new ChatCompletionRequest(model, messages, options, stream, usage);
    }

    private static ChatMessage ReadMessage(JsonElement msg, string at)
    {
        if (msg.ValueKind != JsonValueKind.Object) throw Bad(at, "expected an object with 'role' and 'content'");
        var role = msg.TryGetProperty("role", out var r) ? r.GetString() : null;
        var contents = new List<AIContent>();
        switch (role)
        {
            case "system" or "developer" or "user":
                contents.AddRange(ReadContent(msg, at));
                return new ChatMessage(role == "user" ? ChatRole.User : ChatRole.System, contents);
            case "assistant":
                contents.AddRange(ReadContent(msg, at));
                if (msg.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
                {
                    var k = 0;
                    foreach (var call in calls.EnumerateArray()) contents.Add(ReadToolCall(call, $"{at}.tool_calls[{k++}]"));
                }
                return new ChatMessage(ChatRole.Assistant, contents);
            case "tool":
                var id = msg.TryGetProperty("tool_call_id", out var t) ? t.GetString() : null;
                if (string.IsNullOrEmpty(id)) throw Bad($"{at}.tool_call_id", "missing; a tool message answers one tool call by its id");
                var text = string.Concat(ReadContent(msg, at).OfType<TextContent>().Select(c => c.Text));
                return new ChatMessage(ChatRole.Tool, [new FunctionResultContent(id, text)]);
            default:
                throw Bad($"{at}.role", $"'{role}' is not a role; use system, developer, user, assistant or tool");
        }
    }

    private static IEnumerable<AIContent> ReadContent(JsonElement msg, string at)
    {
        if (!msg.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null) yield break;
        if (content.ValueKind == JsonValueKind.String)
        {
            yield return new TextContent(content.GetString());
            yield break;
        }
        if (content.ValueKind != JsonValueKind.Array) throw Bad($"{at}.content", "expected a string or an array of parts");
        var k = 0;
        foreach (var part in content.EnumerateArray())
        {
            var where = $"{at}.content[{k++}]";
            var type = part.TryGetProperty("type", out var t) ? t.GetString() : null;
            switch (type)
            {
                case "text":
                    yield return new TextContent(part.TryGetProperty("text", out var x) ? x.GetString() : "");
                    break;
                case "image_url":
                    yield return ReadImage(part, where);
                    break;
                default:
                    throw Bad($"{where}.type", $"'{type}' parts are not served; use text or image_url");
            }
        }
    }

    private static DataContent ReadImage(JsonElement part, string at)
    {
        var url = part.TryGetProperty("image_url", out var iu)
            ? iu.ValueKind == JsonValueKind.String ? iu.GetString() : iu.TryGetProperty("url", out var u) ? u.GetString() : null
            : null;
        if (string.IsNullOrEmpty(url)) throw Bad($"{at}.image_url.url", "missing");
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            throw Bad($"{at}.image_url.url", "only data: URIs (data:image/png;base64,...) are accepted; the server fetches nothing from the network");
        DataContent data;
        try
        {
            data = new DataContent(url);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or UriFormatException)
        {
            throw Bad($"{at}.image_url.url", $"not a valid base64 data URI ({e.Message})");
        }
        if (!data.HasTopLevelMediaType("image")) throw Bad($"{at}.image_url.url", $"media type '{data.MediaType}' is not an image");
        return data;
    }

    private static FunctionCallContent ReadToolCall(JsonElement call, string at)
    {
        var id = call.TryGetProperty("id", out var i) ? i.GetString() : null;
        if (string.IsNullOrEmpty(id)) throw Bad($"{at}.id", "missing");
        if (!call.TryGetProperty("function", out var f) || f.ValueKind != JsonValueKind.Object) throw Bad($"{at}.function", "missing");
        var name = f.TryGetProperty("name", out var n) ? n.GetString() : null;
        if (string.IsNullOrEmpty(name)) throw Bad($"{at}.function.name", "missing");
        var args = f.TryGetProperty("arguments", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : "{}";
        return new FunctionCallContent(id, name, ParseArguments(args, $"{at}.function.arguments"));
    }

    internal static Dictionary<string, object?> ParseArguments(string? json, string at)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Bad(at, "expected a JSON object");
            return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw Bad(at, $"not valid JSON ({e.Message})");
        }
    }

    private static AITool ReadTool(JsonElement tool, string at)
    {
        var type = tool.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type != "function") throw Bad($"{at}.type", $"'{type}' tools are not served; use function tools");
        if (!tool.TryGetProperty("function", out var f) || f.ValueKind != JsonValueKind.Object) throw Bad($"{at}.function", "missing");
        var name = f.TryGetProperty("name", out var n) ? n.GetString() : null;
        if (string.IsNullOrEmpty(name)) throw Bad($"{at}.function.name", "missing");
        var description = f.TryGetProperty("description", out var d) ? d.GetString() : null;
        var schema = f.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.Clone()
            : JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();
        // A declaration only: the backend may ask for it, the client runs it (the OpenAI tool loop).
        return AIFunctionFactory.CreateDeclaration(name, description, schema);
    }

    private static ChatToolMode ReadToolChoice(JsonElement choice)
    {
        if (choice.ValueKind == JsonValueKind.String)
            return choice.GetString() switch
            {
                "none" => ChatToolMode.None,
                "auto" => ChatToolMode.Auto,
                "required" => ChatToolMode.RequireAny,
                var other => throw Bad("tool_choice", $"'{other}' is not a choice; use none, auto, required or a function"),
            };
        if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("function", out var f) && f.TryGetProperty("name", out var n)
            && n.GetString() is { Length: > 0 } name)
            return ChatToolMode.RequireSpecific(name);
        throw Bad("tool_choice", "expected none, auto, required or {\"type\":\"function\",\"function\":{\"name\":...}}");
    }

    private static ChatResponseFormat ReadFormat(JsonElement rf) =>
        (rf.TryGetProperty("type", out var t) ? t.GetString() : null) switch
        {
            "text" => ChatResponseFormat.Text,
            "json_object" => ChatResponseFormat.Json,
            "json_schema" when rf.TryGetProperty("json_schema", out var js) && js.TryGetProperty("schema", out var schema) =>
                ChatResponseFormat.ForJsonSchema(schema.Clone(), js.TryGetProperty("name", out var nm) ? nm.GetString() : null),
            var other => throw Bad("response_format.type", $"'{other}' is not served; use text, json_object or json_schema"),
        };

    private static float? Float(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetSingle() : null;

    private static int? Int(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.TryGetInt32(out var i) ? i : throw Bad(name, "expected a whole number")
            : null;

    private static RequestInputException Bad(string parameter, string problem) => new(parameter, problem);
}
