using System.Text.Json.Serialization;

namespace Sieve.KernelFunctions.Patents;

/// <summary>One claim as a model needs it to plan: kind is "compound" (built on a drawn formula), "species" (named
/// compounds; not converted to structures) or "other" (composition, method, use); text is the first
/// <see cref="PatentPlugin.ExcerptLength"/> characters.</summary>
public sealed record ClaimSummary(
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("independent")] bool Independent,
    [property: JsonPropertyName("dependsOn")] IReadOnlyList<int> DependsOn,
    [property: JsonPropertyName("formula")] string? Formula,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("textTruncated")] bool TextTruncated);

/// <summary>Result of <c>read_patent</c> and <c>read_claims_text</c>. Source is "package", "text", "pdf" or
/// "claims text". Formulas lists the drawn formulas available as structures (packages only).</summary>
public sealed record PatentSummary(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("number")] string? Number,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("assignee")] string? Assignee,
    [property: JsonPropertyName("formulas")] IReadOnlyList<string> Formulas,
    [property: JsonPropertyName("claims")] IReadOnlyList<ClaimSummary> Claims,
    [property: JsonPropertyName("problems")] IReadOnlyList<string> Problems);
