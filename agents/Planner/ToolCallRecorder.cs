using System.Diagnostics;
using System.Globalization;
using Microsoft.SemanticKernel;
using Sieve.Agents.Telemetry;
using Sieve.KernelFunctions.Errors;

namespace Sieve.Agents.Planner;

/// <summary>A Semantic Kernel function filter that wraps every tool call in a span and keeps a record of it
/// (<see cref="ToolCall"/>). Registered before the tools' own filters, so it is outermost: it sees the final result,
/// a <see cref="ToolError"/> included. The planner sets <see cref="Step"/> before each agent step.</summary>
public sealed class ToolCallRecorder : IFunctionInvocationFilter
{
    private readonly List<ToolCall> _calls = [];
    private readonly Lock _gate = new();

    /// <summary>The agent step the next calls belong to.</summary>
    public string Step { get; set; } = "";

    public IReadOnlyList<ToolCall> Calls
    {
        get { lock (_gate) return [.. _calls]; }
    }

    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var plugin = context.Function.PluginName ?? "";
        var function = context.Function.Name;
        var arguments = context.Arguments.ToDictionary(
            a => a.Key, a => a.Value is null ? null : Convert.ToString(a.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        using var span = AgentTelemetry.StartTool(plugin, function);
        span?.SetTag("sieve.agent.step", Step);
        foreach (var (k, v) in arguments) span?.SetTag($"sieve.tool.argument.{k}", v);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            Add(plugin, function, arguments, null, $"{e.GetType().Name}: {e.Message}");
            throw;
        }
        var result = context.Result.GetValue<object>();
        var error = result is ToolError te ? $"{te.Error}: {te.Parameter}: {te.Problem}" : null;
        if (error is not null) span?.SetStatus(ActivityStatusCode.Error, error);
        span?.SetTag("sieve.tool.outcome", error ?? "ok");
        Add(plugin, function, arguments, result, error);
    }

    private void Add(string plugin, string function, IReadOnlyDictionary<string, string?> arguments, object? result, string? error)
    {
        lock (_gate) _calls.Add(new ToolCall(_calls.Count + 1, Step, plugin, function, arguments, result, error));
    }
}
