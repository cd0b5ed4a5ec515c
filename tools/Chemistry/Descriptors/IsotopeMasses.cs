using System.Collections.Frozen;

namespace Sieve.Chemistry.Descriptors;

/// <summary>Atom masses as RDKit's <c>Atom::getMass()</c> gives them: the average atomic weight for an
/// unlabelled atom, the exact isotope mass for a labelled one, the bare mass number for an isotope
/// the periodic table does not list, and 0 for dummy atoms.</summary>
internal static partial class IsotopeMasses
{
    private static FrozenDictionary<int, double>? _byKey;

    private static FrozenDictionary<int, double> ByKey => _byKey ??=
        Table.ToFrozenDictionary(t => t.Z * 1000 + t.A, t => t.Mass);

    /// <summary>Mass of <paramref name="atom"/> without its hydrogens.</summary>
    public static double AtomMass(Atom atom)
    {
        if (atom.Element == 0) return 0.0; // dummies weigh nothing, labelled or not
        if (atom.Isotope <= 0)
            return (uint)atom.Element <= Elements.MaxAtomicNumber ? Elements.Get(atom.Element).AverageMass : 0.0;
        return ByKey.TryGetValue(atom.Element * 1000 + atom.Isotope, out var m) ? m : atom.Isotope;
    }
}
