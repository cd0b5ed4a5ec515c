using Sieve.Chemistry.Smiles;

namespace Sieve.Chemistry.Tests.Molfile;

internal static class Flat
{
    private static readonly SmilesWriteOptions Options = new() { Isomeric = false, CxExtensions = false };
    private static readonly SmilesWriteOptions IsomericOptions = new() { Isomeric = true, CxExtensions = false };

    /// <summary>Isomeric canonical SMILES without CXSMILES extensions (RDKit <c>MolToSmiles(m)</c>).</summary>
    public static string Isomeric(Molecule m) => SmilesWriter.Write(m, IsomericOptions);

    /// <summary>Non-isomeric canonical SMILES (RDKit <c>MolToSmiles(m, isomericSmiles=False)</c>): the
    /// reader keeps wedges but does not turn them into parities, so stereo is left out of comparisons.</summary>
    public static string Of(Molecule m) => SmilesWriter.Write(m, Options);
}
