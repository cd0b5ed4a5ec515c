namespace Sieve.Cli.Io;

/// <summary>The streams a command reads and writes. Tests pass in-memory writers; the real program passes the
/// console. <see cref="ShowProgress"/> is true only when a person watches stderr.</summary>
public sealed record Terminal(TextReader In, TextWriter Out, TextWriter Error, bool ShowProgress)
{
    public static Terminal FromConsole() =>
        new(Console.In, Console.Out, Console.Error, ShowProgress: !Console.IsErrorRedirected && !IsCi());

    private static bool IsCi() => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false";
}
