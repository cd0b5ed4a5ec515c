using Sieve.Chemistry;
using Sieve.Chemistry.Perception;
using Sieve.Chemistry.Smiles;

namespace Sieve.Markush.Chem;

/// <summary>The one place Sieve.Markush reads SMILES: the chemistry core's RDKit-equivalent reader (perceived
/// aromaticity, implicit H), so a molecule matches the same way whichever valid SMILES it was written as.</summary>
public static class MoleculeInput
{
    /// <summary>Reads SMILES or CXSMILES. Throws <see cref="SmilesParseException"/> for bad syntax and
    /// <see cref="MoleculeException"/> for impossible chemistry.</summary>
    public static Molecule FromSmiles(string smiles) => SmilesReader.Read(smiles);
}
