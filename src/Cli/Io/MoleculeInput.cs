using System.Diagnostics.CodeAnalysis;
using Sieve.Chemistry;
using Sieve.Chemistry.Perception;
using Sieve.Chemistry.Smiles;

namespace Sieve.Cli.Io;

/// <summary>Reads one SMILES record for a command, turning the chemistry core's input errors (syntax, valence,
/// kekulisation) into a reason string; anything else is a bug and propagates.</summary>
public static class MoleculeInput
{
    public static bool TryRead(string smiles, [NotNullWhen(true)] out Molecule? molecule, [NotNullWhen(false)] out string? reason)
    {
        try
        {
            molecule = SmilesReader.Read(smiles);
            reason = null;
            return true;
        }
        catch (Exception e) when (e is ChemistryParseException or MoleculeException)
        {
            molecule = null;
            reason = e.Message;
            return false;
        }
    }
}
