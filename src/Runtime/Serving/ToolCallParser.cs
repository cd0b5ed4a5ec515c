using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sieve.Runtime.Serving;

/// <summary>One function call a model wrote: the function's name and its arguments (a JSON object, possibly empty).</summary>
public sealed record ParsedToolCall(string Name, IReadOnlyDictionary<string, object?> Arguments);

/// <summary>A piece of a model's answer: plain text, or a tool call (exactly one of the two is set).</summary>
public sealed record AnswerPart(string? Text, ParsedToolCall? Call);

/// <summary>
/// Reads the tool calls out of generated text, following <see cref="ToolPromptConvention"/>: each call is a
/// <c>&lt;tool_call&gt;{"name": …, "arguments": {…}}&lt;/tool_call&gt;</c> block. Lenient where small models slip:
/// whitespace and newlines anywhere, a Markdown code fence inside the tags or around the whole block, a missing
/// closing tag at the very end, <c>"parameters"</c> for <c>"arguments"</c>, arguments given as a JSON string
/// holding an object. A block that still is not a call (malformed JSON, no name) stays in the answer as plain text:
/// the caller sees what the model wrote, and nothing throws.
/// </summary>
public static class ToolCallParser
{
    public const string OpenTag = "<tool_call>";
    public const string CloseTag = "</tool_call>";
    private const string Fence = "```";

    /// <summary>Splits <paramref name="text"/> into text and calls, in the order written. Adjacent text is merged;
    /// whitespace-only text between calls is dropped.</summary>
    public static IReadOnlyList<AnswerPart> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<AnswerPart>();
        var pending = new System.Text.StringBuilder();
        int at = 0;
        while (at < text.Length)
        {
            int open = text.IndexOf(OpenTag, at, StringComparison.Ordinal);
            if (open < 0)
                break;
            int bodyStart = open + OpenTag.Length;
            int close = text.IndexOf(CloseTag, bodyStart, StringComparison.Ordinal);
            // Without a closing tag the block runs to the end (generation stopped right after the JSON), but a
            // second opening tag ends it first.
            int nextOpen = text.IndexOf(OpenTag, bodyStart, StringComparison.Ordinal);
            int bodyEnd = close >= 0 && (nextOpen < 0 || close < nextOpen) ? close : nextOpen >= 0 ? nextOpen : text.Length;
            int blockEnd = bodyEnd == close ? close + CloseTag.Length : bodyEnd;
            var call = ParseCall(text[bodyStart..bodyEnd]);
            if (call is null)
            {
                pending.Append(text, at, blockEnd - at);
            }
            else
            {
                pending.Append(text, at, open - at);
                var (before, fenceOpened) = StripTrailingFenceOpener(pending.ToString());
                AddText(parts, before);
                pending.Clear();
                parts.Add(new AnswerPart(null, call));
                if (fenceOpened)
                    blockEnd = SkipFenceCloser(text, blockEnd);
            }
            at = blockEnd;
        }
        pending.Append(text, at, text.Length - at);
        AddText(parts, pending.ToString());
        return parts;
    }

    /// <summary>The calls alone (what a caller offering tools acts on).</summary>
    public static IReadOnlyList<ParsedToolCall> Calls(string text) =>
        Parse(text).Where(p => p.Call is not null).Select(p => p.Call!).ToList();

    private static void AddText(List<AnswerPart> parts, string text)
    {
        bool betweenOrAfterCalls = parts.Count > 0;
        if (text.Length == 0 || (betweenOrAfterCalls && string.IsNullOrWhiteSpace(text)))
            return;
        if (parts.Count > 0 && parts[^1].Text is { } previous)
            parts[^1] = new AnswerPart(previous + text, null);
        else
            parts.Add(new AnswerPart(text, null));
    }

    /// <summary>The call in one block's body, or null when it is not one.</summary>
    private static ParsedToolCall? ParseCall(string body)
    {
        var json = StripFence(body.Trim());
        if (json.Length == 0 || json[0] != '{')
            return null;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            return null;
        }
        if (node is not JsonObject call || call["name"] is not JsonValue nameValue
            || !nameValue.TryGetValue<string>(out var name) || string.IsNullOrWhiteSpace(name))
            return null;
        var arguments = call["arguments"] ?? call["parameters"];
        if (arguments is JsonValue s && s.TryGetValue<string>(out var nested))
        {
            // Some models write the arguments as a string of JSON, as OpenAI's wire format does.
            try { arguments = JsonNode.Parse(nested); }
            catch (JsonException) { return null; }
        }
        if (arguments is not null and not JsonObject)
            return null;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (arguments is JsonObject args)
            foreach (var (key, value) in args)
                values[key] = value is null ? null : JsonSerializer.Deserialize<JsonElement>(value.ToJsonString());
        return new ParsedToolCall(name.Trim(), values);
    }

    /// <summary>"```json\n{…}\n```" → "{…}"; anything else unchanged.</summary>
    private static string StripFence(string body)
    {
        if (!body.StartsWith(Fence, StringComparison.Ordinal))
            return body;
        int lineEnd = body.IndexOf('\n');
        var inner = lineEnd < 0 ? body[Fence.Length..] : body[(lineEnd + 1)..];
        inner = inner.TrimEnd();
        if (inner.EndsWith(Fence, StringComparison.Ordinal))
            inner = inner[..^Fence.Length];
        // "```{…}```" on one line: the info string was the JSON itself.
        if (lineEnd < 0 && inner.StartsWith("json", StringComparison.OrdinalIgnoreCase))
            inner = inner[4..];
        return inner.Trim();
    }

    /// <summary>Text ending in an opening fence ("```" or "```xml", then only whitespace) that wraps the block.</summary>
    private static (string Text, bool FenceOpened) StripTrailingFenceOpener(string text)
    {
        var trimmed = text.TrimEnd();
        int fence = trimmed.LastIndexOf(Fence, StringComparison.Ordinal);
        // An even number of fences means the last one closes an earlier code block, not one around the call.
        if (fence < 0 || CountFences(trimmed) % 2 == 0)
            return (text, false);
        var info = trimmed[(fence + Fence.Length)..];
        if (info.Any(c => !char.IsLetterOrDigit(c) && c != '_' && c != '-'))
            return (text, false);
        return (trimmed[..fence], true);
    }

    private static int CountFences(string text)
    {
        int count = 0;
        for (int i = text.IndexOf(Fence, StringComparison.Ordinal); i >= 0; i = text.IndexOf(Fence, i + Fence.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    private static int SkipFenceCloser(string text, int at)
    {
        int i = at;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
            i++;
        return string.CompareOrdinal(text, i, Fence, 0, Fence.Length) == 0 ? i + Fence.Length : at;
    }
}
