using System.Diagnostics;

namespace Sieve.Agents.Telemetry;

/// <summary>The agents' OpenTelemetry source: one span per agent step ("agent.&lt;step&gt;") and per tool call
/// ("tool.&lt;plugin&gt;.&lt;function&gt;"). An OpenTelemetry exporter subscribes with <c>AddSource("Sieve.Agents")</c>;
/// tests listen with an <see cref="ActivityListener"/>.</summary>
public static class AgentTelemetry
{
    public const string SourceName = "Sieve.Agents";

    public static readonly ActivitySource Source = new(SourceName, ReportsVersion());

    /// <summary>A span for one step of an agent plan (null when nobody listens).</summary>
    public static Activity? StartStep(string step, string planner) =>
        Source.StartActivity($"agent.{step}")?.SetTag("sieve.agent.step", step).SetTag("sieve.agent.planner", planner);

    /// <summary>A span for one tool call.</summary>
    public static Activity? StartTool(string plugin, string function) =>
        Source.StartActivity($"tool.{plugin}.{function}", ActivityKind.Internal)?
            .SetTag("sieve.tool.plugin", plugin).SetTag("sieve.tool.function", function);

    private static string ReportsVersion() => typeof(AgentTelemetry).Assembly.GetName().Version?.ToString() ?? "0";
}
