namespace Sieve.Agents.Sessions;

/// <summary>Who wrote a message.</summary>
public enum MessageRole
{
    User,
    Assistant,
}

/// <summary>What a message is part of. Only <see cref="Chat"/> messages are conversation a model sees again as
/// history; the rest are shown in the history but not replayed to a model.</summary>
public enum MessageKind
{
    /// <summary>A question to the chat model and its answer.</summary>
    Chat,
    /// <summary>A command (<c>/attach</c>, <c>/report</c>) and its reply.</summary>
    Command,
    /// <summary>A reply saying a turn failed (the model could not be reached, a file was gone).</summary>
    Error,
    /// <summary>A question asked while no model was configured, and the reply saying how to configure one.</summary>
    NoModel,
}

/// <summary>What was attached: a patent package folder, or one molecule.</summary>
public enum AttachmentKind
{
    Patent,
    Molecule,
}

/// <summary>A session as listed: its id, when it began and last changed, and how many messages it holds.</summary>
public sealed record SessionInfo(string Id, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int MessageCount);

/// <summary>One stored message. <see cref="Id"/> grows with every message of the store, so it orders a session.</summary>
public sealed record StoredMessage(long Id, string SessionId, MessageRole Role, MessageKind Kind, string Content, DateTimeOffset At);

/// <summary>One attachment. <see cref="Input"/> is what the user typed; <see cref="Value"/> is what is re-read
/// when the attachment is used: the absolute folder or file path, or the SMILES as given.
/// <see cref="Description"/> is a one-line summary for people and for a model's system prompt.</summary>
public sealed record SessionAttachment(
    long Id, string SessionId, AttachmentKind Kind, string Input, string Value, string Description, DateTimeOffset At);

/// <summary>A report the session produced: which patent and molecule, the overall verdict (<c>covered</c>,
/// <c>not covered</c>, <c>undetermined</c>), the report's one-sentence summary and where its files are.</summary>
public sealed record SessionResult(
    long Id, string SessionId, string Patent, string Molecule, string CanonicalSmiles, string Verdict, string Summary,
    string Directory, IReadOnlyList<string> Files, DateTimeOffset At);

/// <summary>The store file could not be opened or used, or an id is malformed; the message names the file or id.</summary>
public sealed class SessionStoreException(string message, Exception? inner = null) : Exception(message, inner);
