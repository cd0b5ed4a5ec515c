namespace Sieve.Chemistry.Descriptors;

/// <summary>Whole-molecule numbers as RDKit's <c>Descriptors</c> module computes them.</summary>
public static class Descriptors
{
    /// <summary>Average molecular weight (RDKit <c>Descriptors.MolWt</c>): atom masses (exact isotope
    /// masses for labelled atoms) plus 1.008 for every implicit or explicit hydrogen count.</summary>
    public static double MolecularWeight(Molecule m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var hydrogenMass = Elements.Get(1).AverageMass;
        var total = 0.0;
        foreach (var atom in m.Atoms)
            total += IsotopeMasses.AtomMass(atom) + atom.TotalHydrogens * hydrogenMass;
        return total;
    }

    /// <summary>Atoms heavier than hydrogen (RDKit <c>GetNumHeavyAtoms</c>): dummy atoms do not count.</summary>
    public static int HeavyAtomCount(Molecule m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var n = 0;
        foreach (var atom in m.Atoms)
            if (atom.Element > 1)
                n++;
        return n;
    }
}
