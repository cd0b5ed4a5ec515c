using Sieve.Agents.Sessions;

namespace Sieve.Cli.Io;

/// <summary>What the chat loop shows at the start of a session.</summary>
public sealed record ChatOpening(string SessionId, bool Resumed, string StorePath, string Backend, int Messages, StoredMessage? Interrupted);

/// <summary>How <c>sieve chat</c> talks to the person: <see cref="PlainChatView"/> for pipes and tests,
/// <see cref="SpectreChatView"/> on a terminal.</summary>
public interface IChatView
{
    void Open(ChatOpening opening);

    /// <summary>The next line the user typed; null at the end of input.</summary>
    string? ReadLine();

    /// <summary>Runs one turn, showing that work is under way if the view can.</summary>
    Task<ChatReply?> WhileWorking(Func<Task<ChatReply?>> turn);

    void Show(ChatReply reply);

    /// <summary>A line that is not a reply (the session closing).</summary>
    void Note(string text);
}
