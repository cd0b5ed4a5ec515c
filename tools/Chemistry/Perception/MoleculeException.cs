namespace Sieve.Chemistry.Perception;

/// <summary>Syntactically valid input describing an impossible molecule (RDKit's MolSanitizeException family).</summary>
public class MoleculeException(string message) : InvalidOperationException(message);

/// <summary>An atom has more bonds (plus hydrogens) than any valence RDKit allows for it.
/// The message reads like RDKit's: "Explicit valence for atom # 3 N, 4, is greater than permitted".</summary>
public sealed class ValenceException(int atomIndex, int element, int valence, string message) : MoleculeException(message)
{
    public int AtomIndex { get; } = atomIndex;
    public int Element { get; } = element;
    public int Valence { get; } = valence;
}

/// <summary>Aromatic input with no valid Kekulé form (or an aromatic atom outside any ring), as RDKit's
/// "Can't kekulize mol.  Unkekulized atoms: ...".</summary>
public sealed class KekulizeException(IReadOnlyList<int> atoms, string message) : MoleculeException(message)
{
    /// <summary>The atoms that could not be given a double bond (or the non-ring aromatic atom).</summary>
    public IReadOnlyList<int> Atoms { get; } = atoms;
}
