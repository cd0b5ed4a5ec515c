using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using Sieve.Server.Chat;
using ChatMessage = OpenAI.Chat.ChatMessage;

namespace Sieve.Server.Tests;

/// <summary>The official OpenAI .NET client, unchanged, against the server with a scripted backend.</summary>
public sealed class ChatCompletionsTests
{
    private static ChatClient OpenAiClient(LiveServer server, string model = "patentfinder") =>
        new(model, new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = new Uri(server.Address, "/v1") });

    [Fact]
    public async Task Chat_answers_through_the_backend_with_the_agent_instructions()
    {
        var backend = new ScriptedChatClient();
        await using var server = await LiveServer.StartAsync(s => s.AddSingleton<IChatClient>(backend));
        ChatCompletion completion = await OpenAiClient(server).CompleteChatAsync([new UserChatMessage("is celecoxib covered?")]);
        Assert.Equal("echo: is celecoxib covered?", completion.Content[0].Text);
        Assert.Equal(OpenAI.Chat.ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal("patentfinder", completion.Model);
        Assert.Equal(4, completion.Usage.TotalTokenCount);
        Assert.Contains("PatentFinder", backend.LastOptions!.Instructions);
    }

    [Fact]
    public async Task Streaming_delivers_the_text_in_pieces_then_the_finish_reason()
    {
        await using var server = await LiveServer.StartAsync(s => s.AddSingleton<IChatClient>(new ScriptedChatClient()));
        var pieces = new List<string>();
        OpenAI.Chat.ChatFinishReason? finish = null;
        await foreach (var update in OpenAiClient(server).CompleteChatStreamingAsync([new UserChatMessage("three little words")]))
        {
            pieces.AddRange(update.ContentUpdate.Select(p => p.Text).Where(t => t.Length > 0));
            finish ??= update.FinishReason;
        }
        Assert.True(pieces.Count >= 4, $"expected several chunks, got {pieces.Count}");
        Assert.Equal("echo: three little words", string.Concat(pieces));
        Assert.Equal(OpenAI.Chat.ChatFinishReason.Stop, finish);
    }

    [Fact]
    public async Task Tool_call_loop_round_trips_through_the_client()
    {
        var backend = new ScriptedChatClient();
        await using var server = await LiveServer.StartAsync(s => s.AddSingleton<IChatClient>(backend));
        var client = OpenAiClient(server);
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("canonicalize", "Canonical SMILES", BinaryData.FromString("""{"type":"object","properties":{"smiles":{"type":"string"}},"required":["smiles"]}""")) },
        };
        List<ChatMessage> messages = [new UserChatMessage("canonicalize ethanol")];
        ChatCompletion first = await client.CompleteChatAsync(messages, options);
        Assert.Equal(OpenAI.Chat.ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal("canonicalize", call.FunctionName);
        Assert.Equal("OCC", System.Text.Json.JsonDocument.Parse(call.FunctionArguments).RootElement.GetProperty("smiles").GetString());
        var declared = Assert.Single(backend.LastOptions!.Tools!);
        Assert.Equal("canonicalize", declared.Name);

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, "CCO"));
        ChatCompletion second = await client.CompleteChatAsync(messages, options);
        Assert.Equal("The tool answered CCO", second.Content[0].Text);
        var toolResult = backend.LastMessages[^1].Contents.OfType<FunctionResultContent>().Single();
        Assert.Equal(call.Id, toolResult.CallId);
        var assistantCall = backend.LastMessages[^2].Contents.OfType<FunctionCallContent>().Single();
        Assert.Equal("canonicalize", assistantCall.Name);
    }

    [Fact]
    public async Task Streaming_tool_calls_reach_the_client()
    {
        await using var server = await LiveServer.StartAsync(s => s.AddSingleton<IChatClient>(new ScriptedChatClient()));
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("canonicalize", "Canonical SMILES") } };
        string? name = null, id = null;
        var args = new System.Text.StringBuilder();
        OpenAI.Chat.ChatFinishReason? finish = null;
        await foreach (var update in OpenAiClient(server).CompleteChatStreamingAsync([new UserChatMessage("go")], options))
        {
            foreach (var t in update.ToolCallUpdates)
            {
                name ??= t.FunctionName;
                id ??= t.ToolCallId;
                if (t.FunctionArgumentsUpdate is { } a && !a.ToMemory().IsEmpty) args.Append(a.ToString());
            }
            finish ??= update.FinishReason;
        }
        Assert.Equal("canonicalize", name);
        Assert.Equal("call_1", id);
        Assert.Equal("""{"smiles":"OCC"}""", args.ToString());
        Assert.Equal(OpenAI.Chat.ChatFinishReason.ToolCalls, finish);
    }

    [Fact]
    public async Task Image_data_uri_reaches_the_backend_as_data_content()
    {
        var backend = new ScriptedChatClient();
        await using var server = await LiveServer.StartAsync(s => s.AddSingleton<IChatClient>(backend));
        var png = new byte[67];
        FakePng.Signature.CopyTo(png, 0);
        ChatCompletion completion = await OpenAiClient(server).CompleteChatAsync(
            [new UserChatMessage(ChatMessageContentPart.CreateTextPart("what is this"), ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(png), "image/png"))]);
        Assert.Equal("echo: what is this image/png 67 bytes", completion.Content[0].Text);
    }

    [Fact]
    public async Task Models_lists_the_sieve_agents()
    {
        await using var server = await LiveServer.StartAsync();
        var models = new OpenAIClient(new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = new Uri(server.Address, "/v1") }).GetOpenAIModelClient();
        var list = (await models.GetModelsAsync()).Value;
        Assert.Contains(list, m => m.Id == "patentfinder" && m.OwnedBy == "sieve");
    }

    [Fact]
    public async Task Without_a_backend_chat_is_503_saying_how_to_configure_one()
    {
        await using var server = await LiveServer.StartAsync();
        var response = await server.Client.PostAsJsonAsync("/v1/chat/completions", new { model = "patentfinder", messages = new[] { new { role = "user", content = "hi" } } });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Agents:Backend:Kind", (await LiveServer.Json(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Session_header_without_a_session_store_is_501_and_with_one_binds_history()
    {
        var backend = new ScriptedChatClient();
        await using (var server = await LiveServer.StartAsync(s => s.AddSingleton<IChatClient>(backend)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = JsonContent.Create(new { model = "patentfinder", messages = new[] { new { role = "user", content = "hi" } } }),
            };
            request.Headers.Add("X-Sieve-Session", "s1");
            var response = await server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
            Assert.Contains("X-Sieve-Session", (await LiveServer.Json(response)).GetProperty("detail").GetString());
        }
        var sessions = new MemorySessions();
        await using (var server = await LiveServer.StartAsync(s => s.AddSingleton<IChatClient>(backend).AddSingleton<IChatSessionBinding>(sessions)))
        {
            var client = OpenAiClient(server);
            var options = new System.ClientModel.Primitives.RequestOptions();
            options.AddHeader("X-Sieve-Session", "s1");
            await Send(client, "first", options);
            await Send(client, "second", options);
            Assert.Equal(["first", "echo: first", "second"], backend.LastMessages.Select(m => m.Text));
            Assert.Equal("s1", backend.LastOptions!.ConversationId);
        }
    }

    private static async Task Send(ChatClient client, string text, System.ClientModel.Primitives.RequestOptions options)
    {
        var body = BinaryContent.Create(BinaryData.FromObjectAsJson(new { model = "patentfinder", messages = new[] { new { role = "user", content = text } } }));
        var result = await client.CompleteChatAsync(body, options);
        Assert.Equal(200, result.GetRawResponse().Status);
    }

    [Fact]
    public async Task Backend_failure_is_500_without_internals()
    {
        await using var server = await LiveServer.StartAsync(s => s.AddSingleton<IChatClient>(new ScriptedChatClient()));
        var response = await server.Client.PostAsJsonAsync("/v1/chat/completions", new { model = "patentfinder", messages = new[] { new { role = "user", content = "crash" } } });
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("trace id", text);
        Assert.DoesNotContain("secret internals", text);
        Assert.DoesNotContain("InvalidOperationException", text);
    }

    [Theory]
    [InlineData("""{"model":"gpt-4","messages":[{"role":"user","content":"hi"}]}""", "model", 404)]
    [InlineData("""{"model":"patentfinder","messages":[]}""", "messages", 400)]
    [InlineData("""{"model":"patentfinder","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"http://example.com/a.png"}}]}]}""", "messages[0].content[0].image_url.url", 400)]
    [InlineData("""{"model":"patentfinder","messages":[{"role":"wizard","content":"hi"}]}""", "messages[0].role", 400)]
    [InlineData("""{"model":"patentfinder","n":2,"messages":[{"role":"user","content":"hi"}]}""", "n", 400)]
    public async Task Bad_requests_name_the_field(string body, string parameter, int status)
    {
        await using var server = await LiveServer.StartAsync(s => s.AddSingleton<IChatClient>(new ScriptedChatClient()));
        var response = await server.Client.PostAsync("/v1/chat/completions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(parameter, (await LiveServer.Json(response)).GetProperty("parameter").GetString());
    }

    /// <summary>A session store in memory: history before the new messages, answers appended.</summary>
    private sealed class MemorySessions : IChatSessionBinding
    {
        private readonly Dictionary<string, List<Microsoft.Extensions.AI.ChatMessage>> _sessions = new() { ["s1"] = [] };

        public Task<IReadOnlyList<Microsoft.Extensions.AI.ChatMessage>> OpenAsync(string sessionId, IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> incoming, CancellationToken cancel) =>
            _sessions.TryGetValue(sessionId, out var history)
                ? Task.FromResult<IReadOnlyList<Microsoft.Extensions.AI.ChatMessage>>([.. history, .. incoming])
                : throw new ChatSessionNotFoundException(sessionId);

        public Task SaveAsync(string sessionId, IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> incoming, IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> answer, CancellationToken cancel)
        {
            _sessions[sessionId].AddRange(incoming);
            _sessions[sessionId].AddRange(answer);
            return Task.CompletedTask;
        }
    }
}
