using System.Net;

namespace Sieve.Server.Hosting;

/// <summary>Where the server may listen: loopback always; any other address only when API keys guard it, because a
/// server without keys answers anyone who can reach it.</summary>
public static class BindPolicy
{
    public static IPAddress Resolve(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
        if (!IPAddress.TryParse(host, out var address))
            throw new ServerConfigurationException($"Server:Host '{host}' is not an IP address (use 127.0.0.1, ::1, 0.0.0.0 or a local address)");
        return address;
    }

    /// <summary>Throws when <paramref name="address"/> is not loopback and no active key exists.</summary>
    public static void Check(IPAddress address, int activeKeys)
    {
        if (IPAddress.IsLoopback(address) || activeKeys > 0) return;
        throw new ServerConfigurationException(
            $"refusing to listen on {address}: no API key exists, so anyone who can reach it could use the server. " +
            "Create one with `sieve keys create --name NAME` or bind to 127.0.0.1.");
    }
}

/// <summary>A setting that makes the server unsafe or unable to start; the message says which and what to do.</summary>
public sealed class ServerConfigurationException(string message) : Exception(message);
