using System.Text.Json.Serialization;

namespace Sieve.Markush.Matching;

[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    /// <summary>Some scaffold embedding puts every substituent inside its definition.</summary>
    Covered,
    /// <summary>Every embedding fails on at least one position the claim defines precisely (or no embedding exists).</summary>
    NotCovered,
    /// <summary>Not covered by what could be read, but a definition or proviso that could not be read decides it.</summary>
    Undetermined,
}

/// <summary>One variable site in one embedding: what the molecule has there and whether the claim allows it.
/// <see cref="Substituent"/> is SMILES with <c>*</c> for the scaffold atom, or "[H]".</summary>
public sealed record SiteEvidence(
    string Label,
    int? MoleculeAtom,
    string Substituent,
    [property: JsonConverter(typeof(JsonStringEnumConverter<Fit>))] Fit Status,
    string? Definition,
    string? Reason);

/// <summary>One embedding of the scaffold: drawn-formula atom → molecule atom (for a bracketed repeat unit, its
/// first copy), the in-scaffold choices taken (X = N, n = 2), the site-by-site evidence and any problem at
/// unlabelled scaffold positions. <see cref="RepeatCounts"/> repeats the choices that fixed how often a bracketed
/// repeat unit is written out ("n = 2"), which the summary names.</summary>
public sealed record EmbeddingEvidence(
    Verdict Verdict,
    IReadOnlyList<string> Choices,
    IReadOnlyDictionary<int, int> ScaffoldToMolecule,
    IReadOnlyList<SiteEvidence> Sites,
    IReadOnlyList<string> Problems)
{
    public IReadOnlyList<string> RepeatCounts { get; init; } = [];

    /// <summary>Molecule atoms matched by the second and later copies of a bracketed repeat unit (the first copy
    /// is in <see cref="ScaffoldToMolecule"/>), ascending.</summary>
    public IReadOnlyList<int> RepeatCopyAtoms { get; init; } = [];
}

/// <summary>The answer for one molecule against one Markush structure. Self-describing: <see cref="Summary"/> is a
/// sentence a chemist can read; <see cref="Evidence"/> is the embedding that decided (the covering one, else the
/// closest miss).</summary>
public sealed record MatchResult(
    Verdict Verdict,
    string Summary,
    string Formula,
    [property: System.Text.Json.Serialization.JsonIgnore] Func<string> MoleculeSmilesSource,
    IReadOnlyList<string> Stripped,
    IReadOnlyList<string> Neutralized,
    int EmbeddingsTried,
    EmbeddingEvidence? Evidence,
    IReadOnlyList<string> Notes)
{
    /// <summary>Canonical SMILES of the molecule as matched (after salt stripping). Written on first read: a
    /// screening run that only wants verdicts does not pay for canonicalisation (it was most of a match's cost).</summary>
    public string MoleculeSmiles => MoleculeSmilesSource();
}
