using Sieve.Chemistry.Smiles;

namespace Sieve.Chemistry.Canonical;

/// <summary>RDKit-style canonical SMILES: aromatic, isomeric, one string per molecule whatever its atom order.</summary>
public static class CanonicalSmiles
{
    private static readonly SmilesWriteOptions Options = new() { Canonical = true, Isomeric = true, CxExtensions = false };

    public static string Of(Molecule m) => SmilesWriter.Write(m, Options);
}
