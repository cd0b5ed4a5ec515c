using Sieve.Agents.Sessions;

namespace Sieve.Cli.Io;

/// <summary>The chat as plain lines: input from <see cref="Terminal.In"/> one line per turn, no prompt and no colour,
/// replies on stdout and errors prefixed <c>error: </c> — what a script or a test reads.</summary>
public sealed class PlainChatView(Terminal terminal) : IChatView
{
    public void Open(ChatOpening opening)
    {
        ArgumentNullException.ThrowIfNull(opening);
        terminal.Out.WriteLine(opening.Resumed
            ? $"session {opening.SessionId} resumed ({opening.Messages} message(s)) from {opening.StorePath}"
            : $"session {opening.SessionId} in {opening.StorePath} (resume with: sieve chat --session {opening.SessionId})");
        terminal.Out.WriteLine($"chat: {opening.Backend}");
        if (opening.Interrupted is { } m)
            terminal.Out.WriteLine($"the last turn was interrupted before a reply: {m.Content}");
    }

    public string? ReadLine() => terminal.In.ReadLine();

    public Task<ChatReply?> WhileWorking(Func<Task<ChatReply?>> turn) => turn();

    public void Show(ChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        terminal.Out.WriteLine(reply.Status == ReplyStatus.Error ? $"error: {reply.Text}" : reply.Text);
    }

    public void Note(string text) => terminal.Out.WriteLine(text);
}
