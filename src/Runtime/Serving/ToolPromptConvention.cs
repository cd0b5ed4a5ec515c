using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Sieve.Runtime.Serving;

/// <summary>
/// How tools reach a model that has no native function calling (LLaVA-1.5's Vicuna has none), in the Hermes/Qwen
/// style that many open models are tuned on:
/// <list type="bullet">
/// <item>the offered functions go into the system prompt, one JSON object per line between <c>&lt;tools&gt;</c> tags
/// (<c>{"name", "description", "parameters": JSON schema}</c>), with the instruction to answer with
/// <c>&lt;tool_call&gt;{"name": …, "arguments": {…}}&lt;/tool_call&gt;</c> blocks;</item>
/// <item>an assistant turn that called functions is written back the same way, so the model sees its own calls;</item>
/// <item>each result goes back in a user turn as <c>&lt;tool_response&gt;{"name": …, "content": …}&lt;/tool_response&gt;</c>
/// (the name is the calling turn's, found by call id).</item>
/// </list>
/// <see cref="ToolCallParser"/> reads the calls out of the answer.
/// </summary>
public static class ToolPromptConvention
{
    public const string ResponseOpenTag = "<tool_response>";
    public const string ResponseCloseTag = "</tool_response>";

    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary>The system-prompt section that offers <paramref name="tools"/>; <paramref name="mode"/> may require a call.</summary>
    /// <exception cref="NotSupportedException">A tool that is not a function (hosted tools need a provider's server).</exception>
    public static string ToolsSection(IReadOnlyList<AITool> tools, ChatToolMode? mode)
    {
        var text = new StringBuilder();
        text.Append("You can call functions. Their signatures, as JSON schema, are between <tools> and </tools>:\n<tools>\n");
        foreach (var tool in tools)
        {
            if (tool is not AIFunctionDeclaration function)
                throw new NotSupportedException($"tool '{tool.Name}' ({tool.GetType().Name}) is not a function; the local model can only call functions");
            var entry = new JsonObject
            {
                ["name"] = function.Name,
                ["description"] = function.Description,
                ["parameters"] = JsonNode.Parse(function.JsonSchema.GetRawText()),
            };
            text.Append(entry.ToJsonString(Compact)).Append('\n');
        }
        text.Append("</tools>\n");
        text.Append("To call a function, answer with one block per call, exactly like this:\n");
        text.Append(OpenTagLine).Append("{\"name\": \"<function name>\", \"arguments\": {<arguments as a JSON object>}}\n").Append(ToolCallParser.CloseTag).Append('\n');
        text.Append("Results come back between <tool_response> tags.");
        if (mode is RequiredChatToolMode required)
            text.Append(required.RequiredFunctionName is { } name
                ? $" You must call the function {name} now."
                : " You must call at least one function now.");
        return text.ToString();
    }

    private const string OpenTagLine = ToolCallParser.OpenTag + "\n";

    /// <summary>A call as the model is told to write it.</summary>
    public static string Call(FunctionCallContent call)
    {
        var arguments = new JsonObject();
        if (call.Arguments is not null)
            foreach (var (key, value) in call.Arguments)
                arguments[key] = JsonSerializer.SerializeToNode(value, Compact);
        var json = new JsonObject { ["name"] = call.Name, ["arguments"] = arguments };
        return $"{ToolCallParser.OpenTag}\n{json.ToJsonString(Compact)}\n{ToolCallParser.CloseTag}";
    }

    /// <summary>A result as the model reads it; <paramref name="name"/> is the called function's, when known.</summary>
    public static string Result(FunctionResultContent result, string? name)
    {
        JsonNode? content = result.Exception is { } error
            ? JsonValue.Create($"error: {error.Message}")
            : ResultNode(result.Result);
        var json = new JsonObject { ["name"] = name ?? result.CallId, ["content"] = content };
        return $"{ResponseOpenTag}\n{json.ToJsonString(Compact)}\n{ResponseCloseTag}";
    }

    /// <summary>A result as JSON; a string that holds JSON (what kernel functions return) is inserted as that JSON.</summary>
    private static JsonNode? ResultNode(object? result)
    {
        switch (result)
        {
            case null:
                return null;
            case JsonElement { ValueKind: JsonValueKind.String } element:
                return ResultNode(element.GetString());
            case string s:
                try
                {
                    var trimmed = s.TrimStart();
                    if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
                        return JsonNode.Parse(s);
                }
                catch (JsonException)
                {
                }
                return JsonValue.Create(s);
            default:
                return JsonSerializer.SerializeToNode(result, Compact);
        }
    }
}
