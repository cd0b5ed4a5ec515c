namespace Sieve.KernelFunctions.Chemistry;

/// <summary>Result of <c>canonicalize</c>.</summary>
public sealed record CanonicalResult(string Input, string Canonical);

/// <summary>Result of <c>describe</c>. Weight is RDKit MolWt (average masses), rounded to 3 decimals; rings are the
/// SSSR; an aromatic ring has every bond aromatic; stereocentres counts atoms with a written tetrahedral parity.</summary>
public sealed record MoleculeDescription(
    string Canonical,
    string Formula,
    double MolecularWeight,
    int HeavyAtoms,
    int Rings,
    int AromaticRings,
    int FormalCharge,
    int Components,
    int SpecifiedStereocentres);

/// <summary>Result of <c>substructure</c>: each match lists molecule atom indices (0-based, SMILES order) in query
/// atom order. <see cref="MatchCount"/> counts unique matches (atom sets, as RDKit's uniquify) up to
/// <see cref="CountLimit"/>; <see cref="Matches"/> holds at most <see cref="ListedLimit"/> of them.</summary>
public sealed record SubstructureResult(
    string Canonical,
    string Smarts,
    bool Matched,
    int MatchCount,
    bool CountCapped,
    IReadOnlyList<int[]> Matches,
    int ListedLimit,
    int CountLimit);
