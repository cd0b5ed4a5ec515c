using Sieve.Chemistry;
using Sieve.Markush.Chem;

namespace Sieve.Markush.Matching;

/// <summary>A molecule prepared once for matching: ring bonds and per-element counts (the prefilter).</summary>
internal sealed class MolContext
{
    public MolContext(Molecule m)
    {
        Mol = m;
        RingBond = RingBonds.Find(m);
        ElementCounts = new int[Elements.MaxAtomicNumber + 1];
        foreach (var a in m.Atoms) ElementCounts[a.Element]++;
    }

    public Molecule Mol { get; }
    public bool[] RingBond { get; }
    public int[] ElementCounts { get; }

    public Atom Atom(int i) => Mol.Atoms[i];

    public BondOrder Order(int a, int b)
    {
        var bond = Mol.BondBetween(a, b);
        return bond is null ? BondOrder.Zero : Norm(bond);
    }

    public static BondOrder Norm(Bond b) => b.IsAromatic ? BondOrder.Aromatic : b.Order;

    public bool IsRingBond(int a, int b)
    {
        var i = Mol.BondIndex(a, b);
        return i >= 0 && RingBond[i];
    }
}

/// <summary>A substituent cut out of the molecule: its atoms, the atom bonded to the scaffold (or to the core of
/// the group it hangs on) and that anchor atom.</summary>
internal readonly record struct Frag(int Root, int Anchor, HashSet<int> Atoms);
