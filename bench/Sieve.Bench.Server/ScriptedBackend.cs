using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Sieve.Bench.Server;

/// <summary>A chat backend that answers at once with a fixed 32-word text (whole, or word by word when streamed),
/// so the load test measures the server, not a model.</summary>
internal sealed class ScriptedBackend : IChatClient
{
    private static readonly string[] Words = Enumerable.Range(0, 32).Select(i => $"word{i}").ToArray();
    public static string Text => string.Join(' ', Words);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Text))
        {
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = messages.Count(), OutputTokenCount = Words.Length },
        });

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < Words.Length; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, i == 0 ? Words[i] : " " + Words[i]);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
    public void Dispose() { }
}
