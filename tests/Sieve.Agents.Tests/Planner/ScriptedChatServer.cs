using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sieve.Agents.Tests.Planner;

/// <summary>An OpenAI-compatible chat completions endpoint on loopback (real HTTP, HttpListener) whose answers come
/// from a script: plain text, or tool calls the client must run. Every request is kept for assertions.</summary>
internal sealed class ScriptedChatServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<ScriptedRequest, ScriptedReply> _script;
    private readonly List<ScriptedRequest> _requests = [];
    private readonly Task _loop;
    private int _calls;

    public ScriptedChatServer(Func<ScriptedRequest, ScriptedReply> script)
    {
        _script = script;
        var port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        Endpoint = $"http://127.0.0.1:{port}/v1";
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The API base URL to configure (…/v1).</summary>
    public string Endpoint { get; }

    public IReadOnlyList<ScriptedRequest> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    /// <summary>A loopback port nobody listens on (for connection-refused tests).</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
            byte[] answer;
            try
            {
                if (context.Request.Url?.AbsolutePath != "/v1/chat/completions") throw new InvalidOperationException($"unexpected path {context.Request.Url?.AbsolutePath}");
                var request = new ScriptedRequest(JsonNode.Parse(body)!.AsObject(), context.Request.Headers["Authorization"]);
                lock (_requests) _requests.Add(request);
                answer = Encoding.UTF8.GetBytes(Completion(_script(request), Interlocked.Increment(ref _calls)).ToJsonString());
                context.Response.StatusCode = 200;
            }
            catch (Exception e)
            {
                // A script failure must fail the test loudly: a 400 with the reason reaches the client as an exception.
                answer = Encoding.UTF8.GetBytes(new JsonObject { ["error"] = new JsonObject { ["message"] = "script: " + e.Message, ["type"] = "invalid_request_error" } }.ToJsonString());
                context.Response.StatusCode = 400;
            }
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    private static JsonObject Completion(ScriptedReply reply, int n)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text };
        if (reply.Calls.Count > 0)
        {
            var calls = new JsonArray();
            var i = 0;
            foreach (var (name, args) in reply.Calls)
                calls.Add(new JsonObject
                {
                    ["id"] = $"call_{n}_{i++}",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = name, ["arguments"] = JsonSerializer.Serialize(args) },
                });
            message["tool_calls"] = calls;
        }
        return new JsonObject
        {
            ["id"] = $"chatcmpl-{n}",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = "scripted",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["finish_reason"] = reply.Calls.Count > 0 ? "tool_calls" : "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
        };
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}

/// <summary>What the script answers: text, or tool calls (name as the model sees it, arguments object).</summary>
internal sealed record ScriptedReply(string? Text, IReadOnlyList<(string Name, object Args)> Calls)
{
    public static ScriptedReply Say(string text) => new(text, []);
    public static ScriptedReply Call(params (string Name, object Args)[] calls) => new(null, calls);
}

/// <summary>One chat completions request as the server received it.</summary>
internal sealed class ScriptedRequest(JsonObject body, string? authorization)
{
    public JsonObject Body { get; } = body;
    public string? Authorization { get; } = authorization;

    public IReadOnlyList<(string Role, string Content)> Messages { get; } =
        [.. body["messages"]!.AsArray().Select(m => (m!["role"]!.GetValue<string>(), ContentOf(m!["content"])))];

    public IReadOnlyList<string> ToolNames { get; } =
        body["tools"] is JsonArray tools ? [.. tools.Select(t => t!["function"]!["name"]!.GetValue<string>())] : [];

    public string System => Messages.FirstOrDefault(m => m.Role == "system").Content ?? "";
    public (string Role, string Content) Last => Messages[^1];
    public IReadOnlyList<string> UserMessages => [.. Messages.Where(m => m.Role == "user").Select(m => m.Content)];
    public IReadOnlyList<string> ToolResults => [.. Messages.Where(m => m.Role == "tool").Select(m => m.Content)];

    public bool Is(string role) => System.StartsWith($"You are the {role}", StringComparison.Ordinal);

    private static string ContentOf(JsonNode? content) => content switch
    {
        null => "",
        JsonValue v => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => content.ToJsonString(),
    };
}
