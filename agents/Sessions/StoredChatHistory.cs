using Microsoft.Extensions.AI;

namespace Sieve.Agents.Sessions;

/// <summary>A session's conversation as <see cref="ChatMessage"/>s, for anything that talks to an
/// <see cref="IChatClient"/> on behalf of a stored session: <see cref="ChatClientAgent"/>, and a server that binds a
/// request to a session id (the server's binding interface is a thin wrapper over <see cref="Open"/> and
/// <see cref="Save"/>). Only <see cref="MessageKind.Chat"/> messages are conversation; commands, errors and no-model
/// turns are not replayed.</summary>
public sealed class StoredChatHistory(SessionStore store, int maxHistoryMessages = StoredChatHistory.DefaultMaxHistory)
{
    /// <summary>How many earlier chat messages are replayed at most (the latest ones).</summary>
    public const int DefaultMaxHistory = 40;

    private readonly SessionStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>The session's replayed history, then <paramref name="incoming"/>; null when the store has no such
    /// session (or the id is malformed), so the caller can answer "not found".</summary>
    public IReadOnlyList<ChatMessage>? Open(string sessionId, IReadOnlyList<ChatMessage> incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (!Exists(sessionId)) return null;
        var messages = Replay(_store.Messages(sessionId), maxHistoryMessages);
        messages.AddRange(incoming);
        return messages;
    }

    /// <summary>Stores the user's and assistant's text messages of a finished exchange in one transaction (system
    /// and tool messages and messages without text are not conversation and are left out).</summary>
    public void Save(string sessionId, IReadOnlyList<ChatMessage> incoming, IReadOnlyList<ChatMessage> answer)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(answer);
        var rows = incoming.Concat(answer)
            .Where(m => (m.Role == ChatRole.User || m.Role == ChatRole.Assistant) && m.Text.Trim().Length > 0)
            .Select(m => new NewMessage(m.Role == ChatRole.User ? MessageRole.User : MessageRole.Assistant, MessageKind.Chat, m.Text))
            .ToList();
        _store.AppendMessages(sessionId, rows);
    }

    /// <summary>The last <paramref name="max"/> <see cref="MessageKind.Chat"/> messages of <paramref name="history"/>.</summary>
    public static List<ChatMessage> Replay(IReadOnlyList<StoredMessage> history, int max = DefaultMaxHistory)
    {
        ArgumentNullException.ThrowIfNull(history);
        var chat = history.Where(m => m.Kind == MessageKind.Chat).ToList();
        return chat.Skip(Math.Max(0, chat.Count - max))
            .Select(m => new ChatMessage(m.Role == MessageRole.User ? ChatRole.User : ChatRole.Assistant, m.Content))
            .ToList();
    }

    private bool Exists(string sessionId)
    {
        try
        {
            return _store.GetSession(sessionId) is not null;
        }
        catch (SessionStoreException)
        {
            return false;
        }
    }
}
