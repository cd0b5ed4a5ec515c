using System.CommandLine;
using Microsoft.Extensions.AI;
using Sieve.Cli.Io;

namespace Sieve.Cli.Commands;

/// <summary><c>sieve chat</c>: an interactive session with the agents, stored in SQLite and resumable by id
/// (the work is in <see cref="ChatJobs"/>).</summary>
public static class ChatCommand
{
    /// <param name="terminal">The streams.</param>
    /// <param name="backend">Builds the chat model from the settings; null when none is configured. Called once per
    /// session; whatever it throws becomes one clear error line.</param>
    public static Command Create(Func<Terminal> terminal, Func<IChatClient?> backend)
    {
        var session = new Option<string?>("--session") { Description = "Resume the session with this id (printed when a session starts)." };
        var store = new Option<string?>("--store")
        {
            Description = $"The session store (SQLite file). Default: the {ChatJobs.StoreSetting} setting, else {ChatJobs.DefaultStore} " +
                          "beside appsettings.json. Reports go to reports/<session>/ beside it.",
        };
        var list = new Option<bool>("--list") { Description = "List the sessions in the store, most recent first, and exit." };
        var command = new Command("chat",
            "An interactive session: /attach patent packages and molecules (path or SMILES), /report for the " +
            "infringement report (deterministic PatentFinder), questions for the chat model when one is configured " +
            "(appsettings.json Agents:Backend). Sessions (history, attachments, results) persist and resume by id. " +
            "Reads one line per turn from standard input when it is not a terminal.")
        {
            session, store, list,
        };
        command.SetAction((parse, cancel) => CliErrors.GuardAsync(terminal(), t => ChatJobs.RunAsync(
            new ChatJobs.Options(parse.GetValue(session), parse.GetValue(store), parse.GetValue(list)), t, backend, cancel)));
        return command;
    }
}
