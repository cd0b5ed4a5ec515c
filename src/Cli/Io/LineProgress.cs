using Spectre.Console;

namespace Sieve.Cli.Io;

/// <summary>Runs a line-by-line job, with a Spectre.Console progress bar on stderr when a person watches and the
/// input size is known (a file); silently otherwise, so pipes and CI logs stay clean.</summary>
public static class LineProgress
{
    public static T Run<T>(Terminal terminal, string title, long? totalBytes, Func<Action<long>, T> job)
    {
        if (!terminal.ShowProgress || totalBytes is not > 0)
            return job(_ => { });

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(title, maxValue: totalBytes.Value);
                return job(bytes => task.Value = Math.Min(bytes, totalBytes.Value));
            });
    }
}
