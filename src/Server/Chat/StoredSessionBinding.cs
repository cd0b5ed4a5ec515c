using Microsoft.Extensions.AI;
using Sieve.Agents.Sessions;

namespace Sieve.Server.Chat;

/// <summary><see cref="IChatSessionBinding"/> over the agents' SQLite session store — the same sessions
/// <c>sieve chat</c> creates and resumes, so a conversation started in a terminal continues over HTTP and back.
/// The store is thread safe (one connection behind a lock), so concurrent requests need nothing more here.</summary>
public sealed class StoredSessionBinding(SessionStore store) : IChatSessionBinding, IDisposable
{
    private readonly StoredChatHistory _history = new(store ?? throw new ArgumentNullException(nameof(store)));

    public Task<IReadOnlyList<ChatMessage>> OpenAsync(string sessionId, IReadOnlyList<ChatMessage> incoming, CancellationToken cancel) =>
        Task.FromResult(_history.Open(sessionId, incoming) ?? throw new ChatSessionNotFoundException(sessionId));

    public Task SaveAsync(string sessionId, IReadOnlyList<ChatMessage> incoming, IReadOnlyList<ChatMessage> answer, CancellationToken cancel)
    {
        _history.Save(sessionId, incoming, answer);
        return Task.CompletedTask;
    }

    public void Dispose() => store.Dispose();
}
