using Sieve.Chemistry;

namespace Sieve.Markush.Chem;

/// <summary>The one place Sieve.Markush reads SMILES. Today it uses the <see cref="MiniSmiles"/> workaround;
/// when the chemistry core's SmilesReader is merged this becomes <c>SmilesReader.Read</c>.</summary>
public static class MoleculeInput
{
    /// <summary>Reads SMILES or CXSMILES. Throws <see cref="SmilesParseException"/> for bad input.</summary>
    public static Molecule FromSmiles(string smiles) => MiniSmiles.Read(smiles);
}
