namespace Sieve.KernelFunctions.Errors;

/// <summary>A kernel-function argument the tool cannot use. The message names the parameter and says what is
/// wrong and what would be accepted, so a model can correct the call; <see cref="ToolErrorFilter"/> turns it into a
/// <see cref="ToolError"/> result instead of an exception.</summary>
public sealed class ToolInputException(string parameter, string problem)
    : ArgumentException($"{parameter}: {problem}", parameter)
{
    public string Parameter { get; } = parameter;
    public string Problem { get; } = problem;
}
