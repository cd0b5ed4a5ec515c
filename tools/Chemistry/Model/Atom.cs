namespace Sieve.Chemistry;

/// <summary>Tetrahedral parity as written in SMILES: looking from the first neighbour, the remaining
/// neighbours (in <see cref="Molecule.Neighbors"/> order, implicit H included as described on
/// <see cref="Atom.Chirality"/>) turn counter-clockwise (<c>@</c>) or clockwise (<c>@@</c>).</summary>
public enum Chirality : byte
{
    None = 0,
    CounterClockwise = 1,
    Clockwise = 2,
}

/// <summary>One atom of a <see cref="Molecule"/>. Mutable while a molecule is being built or perceived;
/// readers treat a finished molecule as read-only.</summary>
public sealed class Atom
{
    /// <summary>Atomic number; 0 is the dummy/wildcard atom <c>*</c> (attachment points, R-groups).</summary>
    public int Element { get; set; }

    /// <summary>Mass number, 0 when unspecified.</summary>
    public int Isotope { get; set; }

    public int Charge { get; set; }

    /// <summary>Unpaired electrons (molfile RAD, or from a bracket atom whose H count leaves valence open).</summary>
    public int RadicalElectrons { get; set; }

    /// <summary>Hydrogens stated explicitly on the atom (bracket <c>[NH2]</c>, molfile H count);
    /// null when the valence model decides (organic-subset atoms).</summary>
    public int? ExplicitHydrogens { get; set; }

    /// <summary>Hydrogens the valence model adds; set by perception (<see cref="Valence"/>).</summary>
    public int ImplicitHydrogens { get; set; }

    public int TotalHydrogens => (ExplicitHydrogens ?? 0) + ImplicitHydrogens;

    public bool IsAromatic { get; set; }

    /// <summary>Tetrahedral parity relative to this atom's neighbour order in <see cref="Molecule.Neighbors"/>.
    /// An implicit or bracket hydrogen takes the place it had in the SMILES: directly after the preceding
    /// (from-) atom, or first when the atom starts its component — the OpenSMILES convention.
    /// From the molecule alone: the hydrogen is first when the atom has no neighbours or its first neighbour
    /// has a higher atom index than the atom itself, otherwise second. Ring-closure neighbours sit where their
    /// digit was written (see <c>Sieve.Chemistry.Smiles.SmilesReader</c>).</summary>
    public Chirality Chirality { get; set; }

    /// <summary>Atom map number (<c>[C:3]</c>); 0 = none. In Markush CXSMILES <c>[*:1]</c> marks R1.</summary>
    public int AtomMap { get; set; }

    /// <summary>CXSMILES atom label (<c>|$R1;;$|</c>) or molfile alias; null when none.</summary>
    public string? Label { get; set; }

    /// <summary>Written as a bracket atom in the input (so no implicit H was added by the valence model).</summary>
    public bool IsBracket { get; set; }

    public Atom Clone() => (Atom)MemberwiseClone();

    public override string ToString() =>
        $"{(Element == 0 ? "*" : Elements.Symbol(Element))}{(IsAromatic ? "(ar)" : "")}{(Charge != 0 ? Charge.ToString("+0;-0") : "")}";
}
