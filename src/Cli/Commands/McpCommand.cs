using System.CommandLine;
using Sieve.Cli.Io;
using Sieve.Server.Mcp;

namespace Sieve.Cli.Commands;

/// <summary><c>sieve mcp</c>: the kernel functions as MCP tools over stdio, for desktop agent hosts.</summary>
public static class McpCommand
{
    public static Command Create(Func<Terminal> terminal)
    {
        var root = new Option<string?>("--root") { Description = "The only folder tools may read (default Server:AllowedRoot, the current folder)." };
        var command = new Command("mcp",
            "Serve the Sieve tools (chemistry, patent, markush) over MCP on stdin/stdout. Logs go to stderr.") { root };
        command.SetAction(async (parse, cancel) =>
        {
            var folder = parse.GetValue(root) ?? ServerSettings.Load().AllowedRoot;
            if (!Directory.Exists(folder))
            {
                terminal().Error.WriteLine($"error: --root {folder}: no such folder");
                return ExitCodes.BadArguments;
            }
            await McpStdioServer.RunAsync(folder, cancel).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
