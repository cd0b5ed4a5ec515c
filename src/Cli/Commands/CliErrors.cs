using Sieve.Cli.Io;

namespace Sieve.Cli.Commands;

/// <summary>Turns the user's mistakes into one clear stderr line and exit code 1, never a stack trace.</summary>
public static class CliErrors
{
    public static int Guard(Terminal terminal, Func<Terminal, int> action)
    {
        try
        {
            return action(terminal);
        }
        catch (CliInputException e)
        {
            terminal.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadArguments;
        }
    }

    /// <summary><see cref="Guard"/> for commands that await.</summary>
    public static async Task<int> GuardAsync(Terminal terminal, Func<Terminal, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action(terminal).ConfigureAwait(false);
        }
        catch (CliInputException e)
        {
            terminal.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadArguments;
        }
    }
}
