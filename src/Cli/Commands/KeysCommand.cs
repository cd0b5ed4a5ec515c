using System.CommandLine;
using System.Globalization;
using Sieve.Cli.Io;
using Sieve.Server.Security;

namespace Sieve.Cli.Commands;

/// <summary><c>sieve keys create|list|revoke</c>: the API keys of <c>sieve serve</c>, stored hashed in the server's
/// data folder. A running server sees a new or revoked key at its next request.</summary>
public static class KeysCommand
{
    public static Command Create(Func<Terminal> terminal)
    {
        var data = new Option<string?>("--data") { Description = "The server's data folder (default Server:DataDirectory, out/server)." };
        var name = new Option<string>("--name") { Description = "Who or what uses the key (shown by list).", Required = true };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests this key may have in flight (0: the server default).", DefaultValueFactory = _ => 0 };
        var maxMb = new Option<int>("--max-request-mb") { Description = "Largest request body this key may send, in MiB (0: the server default).", DefaultValueFactory = _ => 0 };
        var id = new Argument<string>("id") { Description = "The key's id (from list) or the key itself." };

        var create = new Command("create", "Make a key; it is printed once and cannot be shown again.") { name, concurrency, maxMb, data };
        create.SetAction(parse => CliErrors.Guard(terminal(), t => CreateKey(Store(parse.GetValue(data)), parse.GetRequiredValue(name), parse.GetValue(concurrency), parse.GetValue(maxMb), t)));
        var list = new Command("list", "Every key: id, name, created, revoked, limits (never the key).") { data };
        list.SetAction(parse => CliErrors.Guard(terminal(), t => List(Store(parse.GetValue(data)), t)));
        var revoke = new Command("revoke", "Revoke a key; requests with it are refused from then on.") { id, data };
        revoke.SetAction(parse => CliErrors.Guard(terminal(), t => Revoke(Store(parse.GetValue(data)), parse.GetRequiredValue(id), t)));
        return new Command("keys", "API keys for `sieve serve` (hashed at rest). With none, the server binds to loopback only.") { create, list, revoke };
    }

    internal static ApiKeyStore Store(string? dataDirectory)
    {
        var options = ServerSettings.Load();
        if (dataDirectory is not null) options.DataDirectory = dataDirectory;
        return new ApiKeyStore(options.KeysDatabase);
    }

    public static int CreateKey(ApiKeyStore store, string name, int concurrency, int maxRequestMb, Terminal terminal)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(terminal);
        if (string.IsNullOrWhiteSpace(name)) throw new CliInputException("--name: empty");
        if (concurrency < 0) throw new CliInputException($"--concurrency {concurrency}: must be 0 or more");
        if (maxRequestMb < 0) throw new CliInputException($"--max-request-mb {maxRequestMb}: must be 0 or more");
        var (key, info) = store.Create(name, concurrency, maxRequestMb * 1024L * 1024);
        terminal.Out.WriteLine(key);
        terminal.Error.WriteLine($"key {info.Id} ({info.Name}) created; it is shown only now. Send it as 'Authorization: Bearer <key>'.");
        return ExitCodes.Ok;
    }

    public static int List(ApiKeyStore store, Terminal terminal)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(terminal);
        terminal.Out.WriteLine("id\tname\tcreated\tstatus\tconcurrency\tmax_request_bytes");
        foreach (var k in store.List())
            terminal.Out.WriteLine(string.Join('\t', k.Id, k.Name, k.Created.ToString("u", CultureInfo.InvariantCulture),
                k.Revoked is { } r ? "revoked " + r.ToString("u", CultureInfo.InvariantCulture) : "active",
                k.MaxConcurrency == 0 ? "default" : k.MaxConcurrency.ToString(CultureInfo.InvariantCulture),
                k.MaxRequestBytes == 0 ? "default" : k.MaxRequestBytes.ToString(CultureInfo.InvariantCulture)));
        return ExitCodes.Ok;
    }

    public static int Revoke(ApiKeyStore store, string id, Terminal terminal)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(terminal);
        if (!store.Revoke(id)) throw new CliInputException($"{id}: no active key with this id");
        terminal.Out.WriteLine($"revoked {id}");
        return ExitCodes.Ok;
    }
}
