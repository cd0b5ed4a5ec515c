using System.CommandLine;
using Sieve.Agents.Models;
using Sieve.Cli.Commands;
using Sieve.Cli.Io;

namespace Sieve.Cli;

/// <summary>The <c>sieve</c> command tree. Each command lives in its own file under Commands/.</summary>
public static class SieveCommandLine
{
    public static RootCommand Build(Func<Terminal> terminal)
    {
        var root = new RootCommand(
            "Sieve: does this small molecule infringe that patent? Chemistry, Markush claims and agents, with evidence.");
        root.Add(ChemCommand.Create(terminal));
        root.Add(MarkushCommand.Create(terminal));
        root.Add(ReportCommand.Create(terminal));
        root.Add(BatchCommand.Create(terminal));
        root.Add(SetupCommand.Create(terminal));
        // The chat model is whatever appsettings.json's Agents:Backend names (none by default: chat then explains how).
        root.Add(ChatCommand.Create(terminal, () => ChatBackendFactory.Create(SieveConfiguration.Load())));
        root.Add(OcsrCommand.Create(terminal));
        root.Add(ServeCommand.Create(terminal));
        root.Add(KeysCommand.Create(terminal));
        root.Add(McpCommand.Create(terminal));
        root.Add(ModelCommand.Create(terminal));
        return root;
    }

    public static int Run(string[] args, Func<Terminal> terminal)
    {
        var t = terminal();
        var config = new InvocationConfiguration { Output = t.Out, Error = t.Error };
        return Build(() => t).Parse(args).Invoke(config);
    }
}
