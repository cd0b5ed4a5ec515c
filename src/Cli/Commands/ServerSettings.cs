using Microsoft.Extensions.Configuration;
using Sieve.Server.Hosting;

namespace Sieve.Cli.Commands;

/// <summary>The "Server" section of appsettings.json (see <see cref="ServerOptions"/>), shared by <c>sieve serve</c>,
/// <c>sieve keys</c> and <c>sieve mcp</c> so they agree on the data folder and the allowed root.</summary>
internal static class ServerSettings
{
    public static ServerOptions Load(IConfiguration? configuration = null)
    {
        var options = new ServerOptions();
        (configuration ?? SieveConfiguration.Load()).GetSection(ServerOptions.Section).Bind(options);
        return options;
    }
}
