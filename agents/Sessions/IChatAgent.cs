namespace Sieve.Agents.Sessions;

/// <summary>Everything an agent may use to answer one free-text question of a session: the earlier messages, the
/// attached patents and molecules, and the reports already produced.</summary>
public sealed record ChatTurn(
    string SessionId,
    string Question,
    IReadOnlyList<StoredMessage> History,
    IReadOnlyList<SessionAttachment> Attachments,
    IReadOnlyList<SessionResult> Results);

/// <summary>Answers the free-text questions of a chat session (commands such as <c>/report</c> are handled by
/// <see cref="ChatSession"/> itself).</summary>
public interface IChatAgent
{
    /// <summary>One line for the session header: which backend answers.</summary>
    string Description { get; }

    /// <summary>True when a model answers; false when the agent only explains how to configure one (its turns are
    /// then stored as <see cref="MessageKind.NoModel"/> and never replayed to a model later).</summary>
    bool UsesModel { get; }

    Task<string> AnswerAsync(ChatTurn turn, CancellationToken cancel = default);
}
