namespace Sieve.KernelFunctions.Patents;

/// <summary>One claim as a model needs it to plan: kind is "compound" (built on a drawn formula), "species" (named
/// compounds; not converted to structures) or "other" (composition, method, use); text is the first
/// <see cref="PatentPlugin.ExcerptLength"/> characters.</summary>
public sealed record ClaimSummary(
    int Number,
    string Kind,
    bool Independent,
    IReadOnlyList<int> DependsOn,
    string? Formula,
    string Text,
    bool TextTruncated);

/// <summary>Result of <c>read_patent</c> and <c>read_claims_text</c>. Source is "package", "text", "pdf" or
/// "claims text". Formulas lists the drawn formulas available as structures (packages only).</summary>
public sealed record PatentSummary(
    string Source,
    string? Number,
    string? Title,
    string? Assignee,
    IReadOnlyList<string> Formulas,
    IReadOnlyList<ClaimSummary> Claims,
    IReadOnlyList<string> Problems);
