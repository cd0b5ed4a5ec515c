using Sieve.Chemistry.Smiles;

namespace Sieve.Chemistry.Canonical;

/// <summary>RDKit-style canonical SMILES: aromatic, isomeric, one string per molecule whatever its atom order.</summary>
public static class CanonicalSmiles
{
    private static readonly SmilesWriteOptions Plain = new() { Canonical = true, Isomeric = true, CxExtensions = false };
    private static readonly SmilesWriteOptions Extended = new() { Canonical = true, Isomeric = true, CxExtensions = true };

    /// <summary>Canonical SMILES without CXSMILES extensions, as RDKit's MolToSmiles writes it.</summary>
    public static string Of(Molecule m) => SmilesWriter.Write(m, Plain);

    /// <summary>Canonical CXSMILES: as <see cref="Of"/>, followed by <c>|$…$,m:…|</c> when the molecule has atom
    /// labels or position variation (Markush scaffolds), so those survive canonicalisation.</summary>
    public static string OfWithExtensions(Molecule m) => SmilesWriter.Write(m, Extended);
}
