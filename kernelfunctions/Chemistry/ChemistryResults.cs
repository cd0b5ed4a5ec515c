using System.Text.Json.Serialization;

namespace Sieve.KernelFunctions.Chemistry;

/// <summary>Result of <c>canonicalize</c>.</summary>
public sealed record CanonicalResult([property: JsonPropertyName("input")] string Input, [property: JsonPropertyName("canonical")] string Canonical);

/// <summary>Result of <c>describe</c>. Weight is RDKit MolWt (average masses), rounded to 3 decimals; rings are the
/// SSSR; an aromatic ring has every bond aromatic; stereocentres counts atoms with a written tetrahedral parity.</summary>
public sealed record MoleculeDescription(
    [property: JsonPropertyName("canonical")] string Canonical,
    [property: JsonPropertyName("formula")] string Formula,
    [property: JsonPropertyName("molecularWeight")] double MolecularWeight,
    [property: JsonPropertyName("heavyAtoms")] int HeavyAtoms,
    [property: JsonPropertyName("rings")] int Rings,
    [property: JsonPropertyName("aromaticRings")] int AromaticRings,
    [property: JsonPropertyName("formalCharge")] int FormalCharge,
    [property: JsonPropertyName("components")] int Components,
    [property: JsonPropertyName("specifiedStereocentres")] int SpecifiedStereocentres);

/// <summary>Result of <c>substructure</c>: each match lists molecule atom indices (0-based, SMILES order) in query
/// atom order. <see cref="MatchCount"/> counts unique matches (atom sets, as RDKit's uniquify) up to
/// <see cref="CountLimit"/>; <see cref="Matches"/> holds at most <see cref="ListedLimit"/> of them.</summary>
public sealed record SubstructureResult(
    [property: JsonPropertyName("canonical")] string Canonical,
    [property: JsonPropertyName("smarts")] string Smarts,
    [property: JsonPropertyName("matched")] bool Matched,
    [property: JsonPropertyName("matchCount")] int MatchCount,
    [property: JsonPropertyName("countCapped")] bool CountCapped,
    [property: JsonPropertyName("matches")] IReadOnlyList<int[]> Matches,
    [property: JsonPropertyName("listedLimit")] int ListedLimit,
    [property: JsonPropertyName("countLimit")] int CountLimit);
