using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Sieve.Server.Tests;

/// <summary>A chat backend with a fixed script, so the API can be tested without a model: asked with a
/// "canonicalize" tool and no tool result yet, it calls the tool; given a tool result, it answers with it; "crash"
/// throws; anything else is echoed with a description of any image. Records what the server passed it.</summary>
internal sealed class ScriptedChatClient : IChatClient
{
    public ChatOptions? LastOptions { get; private set; }
    public List<ChatMessage> LastMessages { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var reply = Answer(messages, options);
        return Task.FromResult(new ChatResponse(reply)
        {
            FinishReason = reply.Contents.OfType<FunctionCallContent>().Any() ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = LastMessages.Count, OutputTokenCount = 3, TotalTokenCount = LastMessages.Count + 3 },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reply = Answer(messages, options);
        foreach (var content in reply.Contents)
        {
            if (content is TextContent text)
                foreach (var word in text.Text.Split(' '))
                {
                    await Task.Yield();
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return new ChatResponseUpdate(ChatRole.Assistant, word + (word == text.Text.Split(' ')[^1] ? "" : " "));
                }
            else
                yield return new ChatResponseUpdate(ChatRole.Assistant, [content]);
        }
        yield return new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop, Contents = [new UsageContent(new UsageDetails { InputTokenCount = 5, OutputTokenCount = 7, TotalTokenCount = 12 })] };
    }

    private ChatMessage Answer(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        LastOptions = options;
        LastMessages.Clear();
        LastMessages.AddRange(messages);
        var last = LastMessages[^1];
        if (last.Contents.OfType<FunctionResultContent>().FirstOrDefault() is { } result)
            return new ChatMessage(ChatRole.Assistant, $"The tool answered {result.Result}");
        if (options?.Tools?.Any(t => t.Name == "canonicalize") == true)
            return new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_1", "canonicalize", new Dictionary<string, object?> { ["smiles"] = "OCC" })]);
        if (last.Text == "crash") throw new InvalidOperationException("secret internals at Sieve.Backend.Decode()");
        var images = last.Contents.OfType<DataContent>().Select(d => $"{d.MediaType} {d.Data.Length} bytes");
        return new ChatMessage(ChatRole.Assistant, string.Join(" ", new[] { "echo:", last.Text }.Concat(images)));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
