using Microsoft.SemanticKernel;
using ModelContextProtocol.Server;
using Sieve.Agents.Reports;
using Sieve.KernelFunctions;

namespace Sieve.Server.Mcp;

/// <summary>The kernel functions (chemistry, patent, markush, report) as MCP tools, named <c>plugin_function</c>. Each call
/// goes through the kernel, so the same input checks and the error filter apply as for an agent: a bad argument
/// comes back as a structured error the caller can act on, and every path stays inside the allowed root.</summary>
public static class SieveMcpTools
{
    /// <param name="closedFolders">Folders under the root the tools must not read (the server's data folder).</param>
    /// <param name="reportsFolder">Where <c>report_write_report</c> writes its reports.</param>
    public static IReadOnlyList<McpServerTool> Create(string allowedRoot, string reportsFolder, IEnumerable<string>? closedFolders = null)
    {
        var kernel = Kernel.CreateBuilder()
            .AddSieveTools(allowedRoot, closedFolders, new PipelineReportAuthor(reportsFolder)).Build();
        return kernel.Plugins
            .SelectMany(plugin => plugin.Select(function => (plugin.Name, function)))
            .Select(p => McpServerTool.Create(new KernelToolFunction(kernel, p.function, $"{p.Name}_{p.function.Name}"), new McpServerToolCreateOptions
            {
                Name = $"{p.Name}_{p.function.Name}",
                Description = p.function.Description,
                ReadOnly = true,
                Destructive = false,
                OpenWorld = false,
            }))
            .ToList();
    }
}
