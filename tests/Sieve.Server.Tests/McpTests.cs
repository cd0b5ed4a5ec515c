using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Sieve.Server.Tests;

/// <summary>An MCP client over Streamable HTTP lists the kernel functions and calls them, path checks included.</summary>
public sealed class McpTests
{
    private static Task<McpClient> Connect(LiveServer server) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(server.Address, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }));

    [Fact]
    public async Task Lists_the_kernel_functions_as_tools()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Connect(server);
        var names = (await client.ListToolsAsync()).Select(t => t.Name).ToHashSet();
        foreach (var name in new[] { "chemistry_canonicalize", "chemistry_describe", "chemistry_substructure", "patent_read_patent", "patent_read_claims_text", "markush_parse_claims", "markush_match", "report_write_report" })
            Assert.Contains(name, names);
        var canonicalize = (await client.ListToolsAsync()).Single(t => t.Name == "chemistry_canonicalize");
        Assert.Contains("smiles", canonicalize.JsonSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Calls_a_chemistry_tool_and_a_markush_match_on_a_package_in_the_allowed_root()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Connect(server);
        var canonical = await client.CallToolAsync("chemistry_canonicalize", new Dictionary<string, object?> { ["smiles"] = "OCC" });
        Assert.NotEqual(true, canonical.IsError);
        Assert.Equal("CCO", JsonDocument.Parse(Text(canonical)).RootElement.GetProperty("canonical").GetString());

        var match = await client.CallToolAsync("markush_match", new Dictionary<string, object?> { ["path"] = "patents/coxib", ["smiles"] = LiveServer.Celecoxib });
        Assert.Contains("covered", Text(match));
    }

    [Fact]
    public async Task Writes_the_infringement_report_into_the_servers_data_folder()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Connect(server);
        var result = await client.CallToolAsync("report_write_report",
            new Dictionary<string, object?> { ["path"] = "patents/coxib", ["molecule"] = LiveServer.Celecoxib, ["formats"] = "md,json" });
        Assert.NotEqual(true, result.IsError);
        var written = JsonDocument.Parse(Text(result)).RootElement;
        Assert.Equal("covered", written.GetProperty("verdict").GetString());
        Assert.Contains(written.GetProperty("claims").EnumerateArray(), c => c.GetProperty("claim").GetInt32() == 1 && c.GetProperty("verdict").GetString() == "covered");
        var files = written.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Equal(["report.json", "report.md"], files.Select(Path.GetFileName).Order());
        Assert.All(files, f => Assert.StartsWith(Path.GetFullPath(server.Options.DataDirectory), f));
        Assert.Contains("covered", File.ReadAllText(files.Single(f => f.EndsWith(".md", StringComparison.Ordinal))));

        var bad = await client.CallToolAsync("report_write_report",
            new Dictionary<string, object?> { ["path"] = "patents/coxib", ["molecule"] = "C1CC", ["formats"] = "md" });
        Assert.Contains("molecule", Text(bad));
    }

    [Fact]
    public async Task A_path_outside_the_root_comes_back_as_a_tool_error()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Connect(server);
        var result = await client.CallToolAsync("patent_read_patent", new Dictionary<string, object?> { ["path"] = "/etc" });
        var text = Text(result);
        Assert.Contains("outside the allowed folder", text);
        Assert.DoesNotContain("root:", text);
    }

    [Fact]
    public async Task The_data_folder_inside_the_root_is_closed_to_tools()
    {
        // Default settings put the data folder (other callers' uploaded packages) under the allowed root.
        await using var server = await LiveServer.StartAsync(configure: o => o.DataDirectory = Path.Combine(o.AllowedRoot, "data"));
        await using var client = await Connect(server);
        var result = await client.CallToolAsync("patent_read_patent", new Dictionary<string, object?> { ["path"] = "data" });
        Assert.Contains("closed to tools", Text(result));
        var allowed = await client.CallToolAsync("markush_match", new Dictionary<string, object?> { ["path"] = "patents/coxib", ["smiles"] = LiveServer.Celecoxib });
        Assert.Contains("covered", Text(allowed));
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
}
