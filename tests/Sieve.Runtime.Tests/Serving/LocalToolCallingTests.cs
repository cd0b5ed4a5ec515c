using System.Text.Json;
using Microsoft.Extensions.AI;
using Sieve.Runtime.Serving;
using Sieve.Runtime.Tests.Loading;

namespace Sieve.Runtime.Tests.Serving;

/// <summary>Tool calls through the real model path: a tiny model scripted to answer with a tool-call block.</summary>
public sealed class LocalToolCallingTests
{
    private const string Json = """{"name": "lookup", "arguments": {"compound": "aspirin"}}""";

    /// <summary>Records each request's messages on their way to the model, to see what the model was shown.</summary>
    private sealed class Recorder(IChatClient inner) : DelegatingChatClient(inner)
    {
        public List<List<ChatMessage>> Requests { get; } = [];

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Requests.Add([.. messages]);
            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }

    [Fact]
    public async Task A_scripted_model_calls_a_function_that_FunctionInvokingChatClient_runs_and_the_result_is_shown_to_it()
    {
        using var dir = new ScratchFolder();
        TinyChatFolder.WriteScripted(dir, ["<tool_call>", Json, "</tool_call>"]);
        using var model = LocalChatModel.Load(dir.Path, new RuntimeOptions());
        var asked = new List<string>();
        var lookup = AIFunctionFactory.Create((string compound) => { asked.Add(compound); return "{\"cid\": 2244}"; }, "lookup", "Finds a compound.");
        var recorder = new Recorder(new LocalChatClient(model));
        // One round of calls: the scripted model would call again forever, since every prompt ends alike.
        using var client = new FunctionInvokingChatClient(recorder) { MaximumIterationsPerRequest = 1 };

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Find aspirin.")],
            new ChatOptions { Tools = [lookup], Temperature = 0, MaxOutputTokens = 8 });

        Assert.Equal(["aspirin"], asked);
        var call = response.Messages[0].Contents.OfType<FunctionCallContent>().Single();
        Assert.Equal("lookup", call.Name);
        Assert.Equal("aspirin", ((JsonElement)call.Arguments!["compound"]!).GetString());
        var result = response.Messages[1].Contents.OfType<FunctionResultContent>().Single();
        Assert.Equal(call.CallId, result.CallId);

        Assert.Equal(2, recorder.Requests.Count);
        var second = LlavaChatTemplate.Render(recorder.Requests[1], new ChatOptions { Tools = [lookup] }).Text;
        Assert.EndsWith(
            "USER: Find aspirin. ASSISTANT: <tool_call>\n{\"name\":\"lookup\",\"arguments\":{\"compound\":\"aspirin\"}}\n</tool_call> " +
            "USER: <tool_response>\n{\"name\":\"lookup\",\"content\":{\"cid\":2244}}\n</tool_response> ASSISTANT:", second);
    }

    [Fact]
    public async Task Without_tools_offered_the_same_output_is_plain_text_and_streams()
    {
        using var dir = new ScratchFolder();
        TinyChatFolder.WriteScripted(dir, ["<tool_call>", Json, "</tool_call>"]);
        using var model = LocalChatModel.Load(dir.Path, new RuntimeOptions());
        var client = new LocalChatClient(model);
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 8 };

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Find aspirin.")], options);
        Assert.Equal("<tool_call>" + Json + "</tool_call>", response.Text);
        Assert.Empty(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);   // EOS after the block
        Assert.Equal(4, response.Usage!.OutputTokenCount);

        // With tools the streamed text holds the block back and a call update comes at the end.
        var tool = AIFunctionFactory.Create((string compound) => compound, "lookup");
        var updates = new List<ChatResponseUpdate>();
        await foreach (var u in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Find aspirin.")], new ChatOptions { Tools = [tool], Temperature = 0 }))
            updates.Add(u);
        Assert.Equal("", string.Concat(updates.Select(u => u.Text)));
        Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
    }
}
