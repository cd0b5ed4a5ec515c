using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Sieve.Cli.Tests;

/// <summary><c>sieve keys</c> end to end, and <c>sieve mcp</c> driven by an MCP client over stdio.</summary>
public sealed class ServerCommandTests
{
    [Fact]
    public void Keys_create_list_revoke_round_trip()
    {
        var data = Path.Combine(Path.GetTempPath(), "sieve-cli-keys", Guid.NewGuid().ToString("N"));
        var created = CliRunner.Run("", "keys", "create", "--name", "eln", "--concurrency", "3", "--data", data);
        Assert.Equal(0, created.ExitCode);
        var key = Assert.Single(created.OutLines);
        Assert.StartsWith("sieve_", key);
        var id = key.Split('_')[1];

        var listed = CliRunner.Run("", "keys", "list", "--data", data);
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains(listed.OutLines, l => l.StartsWith($"{id}\teln\t", StringComparison.Ordinal) && l.Contains("\tactive\t3\t", StringComparison.Ordinal));
        Assert.DoesNotContain(key.Split('_')[2], listed.Out);

        Assert.Equal(0, CliRunner.Run("", "keys", "revoke", id, "--data", data).ExitCode);
        Assert.Contains("revoked", CliRunner.Run("", "keys", "list", "--data", data).Out);
        var again = CliRunner.Run("", "keys", "revoke", id, "--data", data);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("no active key", again.Error);
    }

    [Fact]
    public void Serve_refuses_all_interfaces_without_a_key()
    {
        var data = Path.Combine(Path.GetTempPath(), "sieve-cli-serve", Guid.NewGuid().ToString("N"));
        var result = CliRunner.Run("", "serve", "--host", "0.0.0.0", "--port", "0", "--data", data, "--root", Repository.Root);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("sieve keys create", result.Error);
    }

    [Fact]
    public async Task Mcp_over_stdio_lists_and_calls_tools()
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "sieve",
            Command = "dotnet",
            Arguments = [Repository.SieveDll, "mcp", "--root", Repository.Root],
        });
        await using var client = await McpClient.CreateAsync(transport);
        var tools = await client.ListToolsAsync();
        Assert.Contains(tools, t => t.Name == "markush_match");
        var result = await client.CallToolAsync("chemistry_describe", new Dictionary<string, object?> { ["smiles"] = "c1ccccc1O" });
        Assert.Contains("C6H6O", string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text)));
        var refused = await client.CallToolAsync("patent_read_patent", new Dictionary<string, object?> { ["path"] = "../.." });
        Assert.Contains("outside the allowed folder", string.Concat(refused.Content.OfType<TextContentBlock>().Select(b => b.Text)));
    }
}
