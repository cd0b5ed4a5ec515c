namespace Sieve.Agents.Sessions;

/// <summary>How a view should show a reply.</summary>
public enum ReplyStatus
{
    /// <summary>Information or a command's result.</summary>
    Info,
    /// <summary>The answer of the chat agent.</summary>
    Answer,
    /// <summary>The turn failed; the text says why and what to do.</summary>
    Error,
}

/// <summary>The reply to one line of input. <see cref="Result"/> is set when the turn produced a report;
/// <see cref="Quit"/> when the user asked to leave.</summary>
public sealed record ChatReply(string Text, ReplyStatus Status, SessionResult? Result = null, bool Quit = false);
