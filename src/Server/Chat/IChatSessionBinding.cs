using Microsoft.Extensions.AI;

namespace Sieve.Server.Chat;

/// <summary>Binds a chat request that carries <c>X-Sieve-Session: ID</c> to a persisted session: the session's
/// history goes before the request's messages, and the answer is saved after it, so the session store and the
/// runtime's prefix cache (keyed by <see cref="ChatOptions.ConversationId"/>, which the server sets to the session id)
/// are reused. Without a binding registered, a request with the header is answered 501.</summary>
public interface IChatSessionBinding
{
    /// <summary>The messages to send to the backend: the session's history, then <paramref name="incoming"/>.
    /// Throws <see cref="ChatSessionNotFoundException"/> for an unknown session.</summary>
    Task<IReadOnlyList<ChatMessage>> OpenAsync(string sessionId, IReadOnlyList<ChatMessage> incoming, CancellationToken cancel);

    /// <summary>Records the request's messages and the answer in the session.</summary>
    Task SaveAsync(string sessionId, IReadOnlyList<ChatMessage> incoming, IReadOnlyList<ChatMessage> answer, CancellationToken cancel);
}

public sealed class ChatSessionNotFoundException(string sessionId) : Exception($"no chat session '{sessionId}'")
{
    public string SessionId { get; } = sessionId;
}
