namespace Sieve.Cli.Commands;

/// <summary>Exit codes every command keeps (scripts depend on them).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>A bad argument or an input that could not be opened: nothing was processed.</summary>
    public const int BadArguments = 1;
    /// <summary>The run finished, but at least one input record failed (reported on stderr, line by line).</summary>
    public const int SomeInputsFailed = 2;
}
