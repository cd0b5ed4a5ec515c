using Sieve.Cli;
using Sieve.Cli.Io;

namespace Sieve.Cli.Tests;

/// <summary>Runs the real command tree in-process with in-memory standard streams.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public string[] OutLines => Out.Split('\n').Select(l => l.TrimEnd('\r')).ToArray()[..^1];
    }

    public static Result Run(string stdin, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var terminal = new Terminal(new StringReader(stdin), output, error, ShowProgress: false);
        var code = SieveCommandLine.Run(args, () => terminal);
        return new Result(code, output.ToString(), error.ToString());
    }
}
