using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sieve.Server.Mcp;

/// <summary><c>sieve mcp</c>: the same MCP tools over stdin/stdout for desktop agent hosts. stdout carries only the
/// protocol, so every log line goes to stderr.</summary>
public static class McpStdioServer
{
    public static async Task RunAsync(string allowedRoot, CancellationToken cancel)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMcpServer(o => o.ServerInfo = SieveMcpInfo.Implementation)
            .WithStdioServerTransport()
            .WithTools(SieveMcpTools.Create(allowedRoot, Path.Combine("out", "mcp-reports")));
        using var host = builder.Build();
        await host.RunAsync(cancel).ConfigureAwait(false);
    }
}

internal static class SieveMcpInfo
{
    public static ModelContextProtocol.Protocol.Implementation Implementation => new()
    {
        Name = "sieve",
        Version = typeof(SieveMcpInfo).Assembly.GetName().Version?.ToString() ?? "0.0.0",
    };
}
