using System.Text.Json.Serialization;

namespace Sieve.Markush.Model;

[JsonConverter(typeof(JsonStringEnumConverter<ClaimKind>))]
public enum ClaimKind
{
    /// <summary>A compound claim built on a drawn formula (independent or dependent).</summary>
    Compound,
    /// <summary>A compound claim that lists named species; names are not converted to structures.</summary>
    Species,
    /// <summary>Compositions, methods, uses: not evaluated against a molecule.</summary>
    Other,
}

/// <summary>One numbered claim. For a dependent claim <see cref="DependsOn"/> is the claims it refers to and
/// <see cref="Own"/> holds only what this claim adds; <see cref="Structure"/> is the full, inherited structure.</summary>
public sealed record Claim
{
    public required int Number { get; init; }
    public required string Text { get; init; }
    public required ClaimKind Kind { get; init; }
    public IReadOnlyList<int> DependsOn { get; init; } = [];
    public bool IsIndependent => DependsOn.Count == 0;
    public string? FormulaName { get; init; }
    public MarkushStructure? Structure { get; init; }
}

/// <summary>All claims of a patent, in number order.</summary>
public sealed record ClaimSet(IReadOnlyList<Claim> Claims)
{
    public Claim? Get(int number)
    {
        foreach (var c in Claims) if (c.Number == number) return c;
        return null;
    }
}
