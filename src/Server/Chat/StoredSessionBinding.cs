using Microsoft.Extensions.AI;
using Sieve.Agents.Sessions;

namespace Sieve.Server.Chat;

/// <summary><see cref="IChatSessionBinding"/> over the agents' SQLite session store — the same sessions
/// <c>sieve chat</c> creates and resumes, so a conversation started in a terminal continues over HTTP and back.
/// The store holds one SQLite connection, which is not safe for concurrent use: requests take turns on it (the
/// store work is milliseconds; the model call in between is not under the lock).</summary>
public sealed class StoredSessionBinding(SessionStore store) : IChatSessionBinding, IDisposable
{
    private readonly StoredChatHistory _history = new(store ?? throw new ArgumentNullException(nameof(store)));
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async Task<IReadOnlyList<ChatMessage>> OpenAsync(string sessionId, IReadOnlyList<ChatMessage> incoming, CancellationToken cancel)
    {
        await _turn.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            return _history.Open(sessionId, incoming) ?? throw new ChatSessionNotFoundException(sessionId);
        }
        finally
        {
            _turn.Release();
        }
    }

    public async Task SaveAsync(string sessionId, IReadOnlyList<ChatMessage> incoming, IReadOnlyList<ChatMessage> answer, CancellationToken cancel)
    {
        // Not cancellable once the answer exists: an answered exchange that is not stored would be lost.
        await _turn.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            _history.Save(sessionId, incoming, answer);
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose()
    {
        store.Dispose();
        _turn.Dispose();
    }
}
