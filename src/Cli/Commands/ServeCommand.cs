using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Sieve.Cli.Io;
using Sieve.Server;
using Sieve.Server.Hosting;

namespace Sieve.Cli.Commands;

/// <summary><c>sieve serve</c>: the agent API (src/Server) until Ctrl+C.</summary>
public static class ServeCommand
{
    public static Command Create(Func<Terminal> terminal)
    {
        var host = new Option<string?>("--host") { Description = "Address to bind (default Server:Host, 127.0.0.1). Anything but loopback needs an API key (sieve keys create)." };
        var port = new Option<int?>("--port") { Description = "Port (default Server:Port, 5080; 0 picks a free one)." };
        var root = new Option<string?>("--root") { Description = "The only folder requests may name by path (default Server:AllowedRoot, the current folder)." };
        var data = new Option<string?>("--data") { Description = "Job table, job folders and API keys (default Server:DataDirectory, out/server)." };
        var command = new Command("serve",
            "Serve the agent API: POST /v1/reports and /v1/batches (jobs that survive a restart), OpenAI-compatible " +
            "/v1/chat/completions and /v1/models, MCP tools at /mcp, /healthz, /metrics, /openapi/v1.json.")
        {
            host, port, root, data,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var t = terminal();
            var configuration = SieveConfiguration.Load();
            var options = ServerSettings.Load(configuration);
            options.Host = parse.GetValue(host) ?? options.Host;
            options.Port = parse.GetValue(port) ?? options.Port;
            options.AllowedRoot = parse.GetValue(root) ?? options.AllowedRoot;
            options.DataDirectory = parse.GetValue(data) ?? options.DataDirectory;
            return await RunAsync(options, configuration, t, cancel).ConfigureAwait(false);
        });
        return command;
    }

    public static async Task<int> RunAsync(ServerOptions options, IConfiguration configuration, Terminal terminal, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = SieveServer.Build(options, services =>
            {
                // wired by integrator: services.AddSingleton(ChatBackendFactory.Create(configuration)) when not null, and the session store as IChatSessionBinding
                _ = configuration;
            });
        }
        catch (Exception e) when (e is ServerConfigurationException or DirectoryNotFoundException)
        {
            terminal.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadArguments;
        }
        await using (app)
        {
            await app.StartAsync(cancel).ConfigureAwait(false);
            terminal.Out.WriteLine($"sieve serve: listening on {SieveServer.Address(app)} (allowed root {Path.GetFullPath(options.AllowedRoot)}, data {Path.GetFullPath(options.DataDirectory)}); Ctrl+C stops");
            try
            {
                await Task.Delay(Timeout.Infinite, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return ExitCodes.Ok;
    }
}
