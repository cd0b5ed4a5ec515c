using System.Text.Json.Serialization;

namespace Sieve.KernelFunctions.Errors;

/// <summary>What a model sees when a call was refused: the parameter at fault and the problem, in one sentence.
/// Returned (not thrown) by <see cref="ToolErrorFilter"/>.</summary>
public sealed record ToolError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("parameter")] string? Parameter,
    [property: JsonPropertyName("problem")] string Problem);
