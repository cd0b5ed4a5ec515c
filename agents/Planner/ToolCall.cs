namespace Sieve.Agents.Planner;

/// <summary>One tool call as it really happened, captured by <see cref="ToolCallRecorder"/>: which agent step made it,
/// the function, the arguments as passed, and the typed result (or the error). Verdicts are checked against these
/// records only — never against what a model says a tool returned.</summary>
public sealed record ToolCall(
    int Sequence,
    string Step,
    string Plugin,
    string Function,
    IReadOnlyDictionary<string, string?> Arguments,
    object? Result,
    string? Error)
{
    public string Name => $"{Plugin}.{Function}";

    public string? Argument(string name) => Arguments.TryGetValue(name, out var v) ? v : null;
}
