using Sieve.Agents.Sessions;
using Spectre.Console;

namespace Sieve.Cli.Io;

/// <summary>The chat on a terminal: a header rule, a prompt, replies in panels (errors red, verdicts coloured) and a
/// spinner while a turn runs. Lines are read from <see cref="Terminal.In"/>, so the terminal's own line editing works.</summary>
public sealed class SpectreChatView(Terminal terminal, IAnsiConsole? console = null) : IChatView
{
    private readonly IAnsiConsole _console = console ?? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(terminal.Out) });

    public void Open(ChatOpening opening)
    {
        ArgumentNullException.ThrowIfNull(opening);
        _console.Write(new Rule($"[bold]Sieve chat[/] · session [cyan]{Markup.Escape(opening.SessionId)}[/]").LeftJustified());
        _console.MarkupLine(opening.Resumed
            ? $"[grey]resumed: {opening.Messages} message(s) in {Markup.Escape(opening.StorePath)}[/]"
            : $"[grey]stored in {Markup.Escape(opening.StorePath)}; resume with[/] sieve chat --session {Markup.Escape(opening.SessionId)}");
        _console.MarkupLine($"[grey]chat: {Markup.Escape(opening.Backend)}[/]");
        if (opening.Interrupted is { } m)
            _console.MarkupLine($"[yellow]the last turn was interrupted before a reply:[/] {Markup.Escape(m.Content)}");
        _console.MarkupLine("[grey]/help lists the commands[/]");
    }

    public string? ReadLine()
    {
        _console.Markup("[bold green]you>[/] ");
        return terminal.In.ReadLine();
    }

    public async Task<ChatReply?> WhileWorking(Func<Task<ChatReply?>> turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!_console.Profile.Capabilities.Interactive) return await turn().ConfigureAwait(false);
        return await _console.Status().Spinner(Spinner.Known.Dots).StartAsync("working…", _ => turn()).ConfigureAwait(false);
    }

    public void Show(ChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var (header, colour) = reply.Status switch
        {
            ReplyStatus.Error => ("error", Color.Red),
            ReplyStatus.Answer => ("sieve", Color.Blue),
            _ => ("sieve", Color.Grey),
        };
        if (reply.Result is { } result)
        {
            header = $"report · {result.Verdict}";
            colour = result.Verdict switch { "covered" => Color.Green, "not covered" => Color.Yellow, _ => Color.Orange1 };
        }
        _console.Write(new Panel(new Text(reply.Text)).Header(header).BorderColor(colour).Expand());
    }

    public void Note(string text) => _console.MarkupLine($"[grey]{Markup.Escape(text)}[/]");
}
