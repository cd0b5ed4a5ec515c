using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Sieve.Agents.Sessions;
using Sieve.Cli.Io;

namespace Sieve.Cli.Commands;

/// <summary>The work behind <c>sieve chat</c>: open the store, start or resume a session, pick the agent, then one
/// turn per input line until /quit or the end of input.</summary>
public static class ChatJobs
{
    public const string StoreSetting = "Agents:Sessions:Path";
    public const string DefaultStore = "out/sessions/sessions.db";

    /// <summary>Exit code when Ctrl+C stopped the chat (the conventional 128 + SIGINT).</summary>
    public const int Cancelled = 130;

    public sealed record Options(string? Session, string? Store, bool List);

    public static async Task<int> RunAsync(Options options, Terminal terminal, Func<IChatClient?> backend,
        CancellationToken cancel = default, IConfiguration? configuration = null, IChatView? view = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(backend);
        var storePath = options.Store ?? DefaultStorePath(configuration);
        using var store = OpenStore(storePath, options.Store is not null ? "--store" : StoreSetting);
        if (options.List) return List(store, terminal);

        var opening = OpenSession(store, options.Session);
        using var client = CreateClient(backend);
        IChatAgent agent = client is null ? new NoModelChatAgent() : new ChatClientAgent(client, Describe(client));
        var reports = Path.Combine(Path.GetDirectoryName(store.Path)!, "reports");
        var session = new ChatSession(store, opening.Id, agent, reports);

        view ??= IsInteractive(terminal) ? new SpectreChatView(terminal) : new PlainChatView(terminal);
        view.Open(new ChatOpening(session.Id, opening.Resumed, store.Path, agent.Description, opening.Messages, session.InterruptedTurn()));
        try
        {
            while (view.ReadLine() is { } line)
            {
                cancel.ThrowIfCancellationRequested();
                var reply = await view.WhileWorking(() => session.HandleAsync(line, cancel)).ConfigureAwait(false);
                if (reply is null) continue;
                view.Show(reply);
                if (reply.Quit) return ExitCodes.Ok;
            }
        }
        catch (OperationCanceledException)
        {
            view.Note($"cancelled; session {session.Id} is kept (sieve chat --session {session.Id})");
            return Cancelled;
        }
        catch (Exception e) when (e is SessionStoreException or Microsoft.Data.Sqlite.SqliteException)
        {
            // The disk filled up or another process holds the file: every turn stored before this one is intact.
            throw new CliInputException($"session store {store.Path}: {e.Message} (turns stored before this one are kept; " +
                                        $"resume with sieve chat --session {session.Id})");
        }
        view.Note($"end of input; session {session.Id} is kept (sieve chat --session {session.Id})");
        return ExitCodes.Ok;
    }

    /// <summary>The setting's path, relative paths taken from the folder of appsettings.json (so every working folder
    /// finds the same sessions); <see cref="DefaultStore"/> there when unset; the current folder without a settings file.</summary>
    internal static string DefaultStorePath(IConfiguration? configuration)
    {
        configuration ??= SieveConfiguration.Load();
        var configured = configuration[StoreSetting] is { Length: > 0 } p ? p : DefaultStore;
        return SieveConfiguration.ResolvePath(configured);
    }

    private static SessionStore OpenStore(string path, string source)
    {
        try
        {
            return SessionStore.Open(path);
        }
        catch (SessionStoreException e)
        {
            throw new CliInputException($"{source}: {e.Message}");
        }
    }

    private static int List(SessionStore store, Terminal terminal)
    {
        var sessions = store.ListSessions();
        if (sessions.Count == 0) terminal.Out.WriteLine($"no sessions in {store.Path}");
        foreach (var s in sessions)
            terminal.Out.WriteLine($"{s.Id}\t{s.UpdatedAt:yyyy-MM-dd HH:mm:ss}\t{s.MessageCount} message(s)");
        return ExitCodes.Ok;
    }

    private sealed record Opened(string Id, bool Resumed, int Messages);

    private static Opened OpenSession(SessionStore store, string? id)
    {
        if (id is null) return new Opened(store.CreateSession().Id, false, 0);
        SessionInfo? found;
        try
        {
            found = store.GetSession(id);
        }
        catch (SessionStoreException e)
        {
            throw new CliInputException($"--session: {e.Message}");
        }
        return found is null
            ? throw new CliInputException($"--session {id}: no such session in {store.Path} (sieve chat --list shows the sessions; " +
                                          "leave out --session to start a new one)")
            : new Opened(found.Id, true, found.MessageCount);
    }

    /// <summary>Calls the backend factory; a misconfigured model (bad URL, missing key variable) is the user's to fix,
    /// so whatever it throws becomes one line naming the settings to check.</summary>
    private static IChatClient? CreateClient(Func<IChatClient?> backend)
    {
        try
        {
            return backend();
        }
        catch (Exception e)
        {
            throw new CliInputException($"the chat model could not be set up: {e.Message} (check the Agents:Backend section of " +
                                        "appsettings.json, or set its Kind to none to chat without a model)");
        }
    }

    private static string Describe(IChatClient client) =>
        client.GetService<ChatClientMetadata>() is { } m
            ? $"model {m.DefaultModelId ?? "(default)"} via {m.ProviderName ?? "chat client"}{(m.ProviderUri is { } u ? $" at {u}" : "")}"
            : "chat model configured";

    /// <summary>The Spectre view only when a person types at a terminal: both streams are the console's, undirected.</summary>
    private static bool IsInteractive(Terminal terminal) =>
        ReferenceEquals(terminal.In, Console.In) && !Console.IsInputRedirected && !Console.IsOutputRedirected;
}
