namespace Sieve.Chemistry.Smiles;

/// <summary>How <see cref="SmilesWriter"/> writes a molecule.</summary>
public sealed record SmilesWriteOptions
{
    /// <summary>Canonical atom order (RDKit's default). When false the atoms are traversed by index
    /// (or by <see cref="Ranking"/> when given) and components are written in the order of their lowest atom.</summary>
    public bool Canonical { get; init; } = true;

    /// <summary>Write stereo (@, @@, /, \) and isotopes.</summary>
    public bool Isomeric { get; init; } = true;

    /// <summary>Write Kekulé bonds and upper-case symbols instead of aromatic lower case.</summary>
    public bool Kekule { get; init; }

    /// <summary>Append CXSMILES extensions (<c>|$labels$,m:...|</c>) when the molecule has atom labels
    /// or position-variation bonds, so Markush scaffolds round-trip.</summary>
    public bool CxExtensions { get; init; } = true;

    /// <summary>Traversal priorities per atom (lower first) for non-canonical output; ignored when
    /// <see cref="Canonical"/> is set. Must hold a distinct value per atom.</summary>
    public IReadOnlyList<int>? Ranking { get; init; }
}
