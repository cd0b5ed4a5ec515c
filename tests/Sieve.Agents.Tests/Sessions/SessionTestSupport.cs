using Microsoft.Extensions.AI;
using Sieve.Agents.Sessions;

namespace Sieve.Agents.Tests.Sessions;

/// <summary>A scratch folder per test, removed afterwards.</summary>
public abstract class ScratchFolder : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("sieve-sessions-").FullName;

    protected string StorePath => Path.Combine(Dir, "sessions.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>A chat model that answers from a script and records every request it got.</summary>
internal sealed class ScriptedChatClient(params string[] answers) : IChatClient
{
    private int _next;

    public List<List<ChatMessage>> Requests { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Requests.Add(messages.ToList());
        if (_next >= answers.Length) throw new InvalidOperationException("the script has no more answers");
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answers[_next++])));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the chat session does not stream");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}

/// <summary>An agent whose answer never comes: the turn stays in flight, as when the process dies mid-turn.</summary>
internal sealed class HangingAgent : IChatAgent
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Description => "hangs";

    public bool UsesModel => true;

    public async Task<string> AnswerAsync(ChatTurn turn, CancellationToken cancel = default)
    {
        Started.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancel);
        return "never";
    }
}
