using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Sieve.KernelFunctions.Chemistry;
using Sieve.KernelFunctions.Errors;
using Sieve.KernelFunctions.Markush;
using Sieve.KernelFunctions.Paths;
using Sieve.KernelFunctions.Patents;
using Sieve.KernelFunctions.Reports;

namespace Sieve.KernelFunctions;

/// <summary>Registers the Sieve plugins on a kernel, with the filter that turns refused input into
/// <see cref="ToolError"/> results. Files are read only under <paramref name="allowedRoot"/>, and never under one of
/// <paramref name="closedFolders"/>.</summary>
public static class SieveTools
{
    /// <param name="reports">The report writer (the agents' <c>PipelineReportAuthor</c>); with one, the
    /// <c>report</c> plugin is offered too.</param>
    public static IKernelBuilder AddSieveTools(this IKernelBuilder builder, string allowedRoot, IEnumerable<string>? closedFolders = null,
        IReportAuthor? reports = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var root = new AllowedRoot(allowedRoot, closedFolders);
        builder.Plugins.AddFromObject(new ChemistryPlugin(), ChemistryPlugin.PluginName);
        builder.Plugins.AddFromObject(new PatentPlugin(root), PatentPlugin.PluginName);
        builder.Plugins.AddFromObject(new MarkushPlugin(root), MarkushPlugin.PluginName);
        if (reports is not null) builder.Plugins.AddFromObject(new ReportPlugin(root, reports), ReportPlugin.PluginName);
        builder.Services.AddSingleton<IFunctionInvocationFilter, ToolErrorFilter>();
        return builder;
    }
}
