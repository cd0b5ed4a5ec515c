using System.Runtime.CompilerServices;
using Sieve.Chemistry.Perception;
using Sieve.Chemistry.Smarts;

namespace Sieve.Chemistry.Substructure;

/// <summary>Bond classes a query distinguishes (values as RDKit's bond types; aromatic is 12).</summary>
internal enum TargetBondType : byte
{
    Other = 0,
    Single = 1,
    Double = 2,
    Triple = 3,
    Quadruple = 4,
    Aromatic = 12,
}

/// <summary>A target molecule flattened into arrays for matching: atom properties, adjacency in compressed
/// rows, an element histogram for quick rejection. Built once per molecule and remembered alongside it, so
/// screening many queries against one molecule (or re-searching it) does not rebuild; a cheap fingerprint of
/// the atoms and bonds detects a molecule changed since. Lazily derived arrays are computed idempotently, so
/// concurrent searches of one molecule are safe.</summary>
internal sealed class TargetData
{
    private static readonly ConditionalWeakTable<Molecule, TargetData> Cache = new();

    public readonly Molecule Molecule;
    public readonly RingInfo? Rings;
    public readonly int AtomCount;
    public readonly int BondCount;
    public readonly int[] Element;
    public readonly bool[] Aromatic;
    public readonly int[] Charge;
    public readonly int[] Isotope;
    public readonly int[] Degree;
    /// <summary>Hydrogens carried on the atom (explicit + implicit), neighbours not counted.</summary>
    public readonly int[] AtomHydrogens;
    /// <summary>Hydrogen-atom neighbours (explicit [H] atoms left in the graph).</summary>
    public readonly int[] HydrogenNeighbors;
    public readonly TargetBondType[] BondType;
    /// <summary>Neighbours of atom i are AdjAtom[AdjStart[i]..AdjStart[i+1]), joined by AdjBond.</summary>
    public readonly int[] AdjStart;
    public readonly int[] AdjAtom;
    public readonly int[] AdjBond;
    /// <summary>Atoms per atomic number (0..255; heavier pseudo-elements are not counted).</summary>
    public readonly int[] ElementCounts = new int[256];
    private readonly long _stamp;

    // Derived on first use. Each is published whole with a release write, so a search racing another on the
    // same molecule sees either null (and computes its own identical copy) or complete arrays.
    private RingArrays? _rings;
    private int[]? _totalValence, _hetero, _aliphaticHetero, _hybridization;

    private sealed record RingArrays(int[] Count, int[] MinSize, int[] RingBonds, bool[] BondInRing);

    /// <summary>The remembered data for a molecule, rebuilt when the molecule changed since.</summary>
    public static TargetData For(Molecule molecule)
    {
        if (Cache.TryGetValue(molecule, out var data) && data.IsCurrent(molecule)) return data;
        data = new TargetData(molecule);
        Cache.AddOrUpdate(molecule, data);
        return data;
    }

    private TargetData(Molecule molecule)
    {
        Molecule = molecule;
        Rings = molecule.Rings;
        var n = AtomCount = molecule.AtomCount;
        BondCount = molecule.BondCount;
        Element = new int[n];
        Aromatic = new bool[n];
        Charge = new int[n];
        Isotope = new int[n];
        Degree = new int[n];
        AtomHydrogens = new int[n];
        HydrogenNeighbors = new int[n];
        AdjStart = new int[n + 1];
        var atoms = molecule.Atoms;
        for (var i = 0; i < n; i++)
        {
            var a = atoms[i];
            Element[i] = a.Element;
            if ((uint)a.Element < 256) ElementCounts[a.Element]++;
            Aromatic[i] = a.IsAromatic;
            Charge[i] = a.Charge;
            Isotope[i] = a.Isotope;
            AtomHydrogens[i] = a.TotalHydrogens;
            var d = molecule.Degree(i);
            Degree[i] = d;
            AdjStart[i + 1] = AdjStart[i] + d;
        }
        var bonds = molecule.Bonds;
        BondType = new TargetBondType[bonds.Count];
        for (var b = 0; b < bonds.Count; b++)
        {
            var bond = bonds[b];
            BondType[b] = bond.IsAromatic || bond.Order == BondOrder.Aromatic
                ? TargetBondType.Aromatic
                : bond.Order switch
                {
                    BondOrder.Single => TargetBondType.Single,
                    BondOrder.Double => TargetBondType.Double,
                    BondOrder.Triple => TargetBondType.Triple,
                    BondOrder.Quadruple => TargetBondType.Quadruple,
                    _ => TargetBondType.Other,
                };
        }
        AdjAtom = new int[AdjStart[n]];
        AdjBond = new int[AdjStart[n]];
        for (var i = 0; i < n; i++)
        {
            var k = AdjStart[i];
            var list = molecule.BondsOf(i);
            for (var j = 0; j < list.Count; j++)
            {
                var b = list[j];
                var other = bonds[b].Other(i);
                AdjAtom[k] = other;
                AdjBond[k] = b;
                k++;
                if (atoms[other].Element == 1) HydrogenNeighbors[i]++;
            }
        }
        _stamp = Stamp(molecule);
    }

    private bool IsCurrent(Molecule m) =>
        m.AtomCount == AtomCount && m.BondCount == BondCount && ReferenceEquals(m.Rings, Rings) && Stamp(m) == _stamp;

    // Everything the matcher reads from the molecule, folded into one number (cheaper than rebuilding).
    private static long Stamp(Molecule m)
    {
        long h = 17;
        var atoms = m.Atoms;
        for (var i = 0; i < atoms.Count; i++)
        {
            var a = atoms[i];
            h = h * 31 + (a.Element | (a.Charge << 9) | (a.IsAromatic ? 1 << 16 : 0) | ((int)a.Chirality << 17) | (a.RadicalElectrons << 20));
            h = h * 31 + (a.Isotope | (a.TotalHydrogens << 12) | (a.ImplicitHydrogens << 20));
            var bonds = m.BondsOf(i);
            for (var j = 0; j < bonds.Count; j++) h = h * 7 + bonds[j];
        }
        var bl = m.Bonds;
        for (var b = 0; b < bl.Count; b++)
        {
            var bond = bl[b];
            h = h * 31 + (bond.Begin | (bond.End << 16)) + ((long)bond.Order << 40) + (bond.IsAromatic ? 1L << 44 : 0);
        }
        return h;
    }

    /// <summary>Bond index joining two target atoms, -1 when they are not bonded.</summary>
    public int BondBetween(int a, int b)
    {
        for (var k = AdjStart[a]; k < AdjStart[a + 1]; k++)
            if (AdjAtom[k] == b) return AdjBond[k];
        return -1;
    }

    public bool[] BondInRing => RingData.BondInRing;

    private RingArrays RingData
    {
        get
        {
            var r = Volatile.Read(ref _rings);
            if (r is null)
            {
                r = BuildRingArrays();
                Volatile.Write(ref _rings, r);
            }
            return r;
        }
    }

    public int Property(AtomProperty property, int atom) => property switch
    {
        AtomProperty.Degree => Degree[atom],
        AtomProperty.TotalDegree => Degree[atom] + AtomHydrogens[atom],
        AtomProperty.TotalHydrogens => AtomHydrogens[atom] + HydrogenNeighbors[atom],
        AtomProperty.AtomHydrogens => AtomHydrogens[atom],
        AtomProperty.Charge => Charge[atom],
        AtomProperty.Isotope => Isotope[atom],
        AtomProperty.TotalValence => (Volatile.Read(ref _totalValence) ?? Publish(ref _totalValence, BuildTotalValence()))[atom],
        AtomProperty.RingCount => RingData.Count[atom],
        AtomProperty.MinRingSize => RingData.MinSize[atom],
        AtomProperty.RingBondCount => RingData.RingBonds[atom],
        AtomProperty.HeteroNeighbors => (Volatile.Read(ref _hetero) ?? Publish(ref _hetero, BuildHeteroCounts(false)))[atom],
        AtomProperty.AliphaticHeteroNeighbors =>
            (Volatile.Read(ref _aliphaticHetero) ?? Publish(ref _aliphaticHetero, BuildHeteroCounts(true)))[atom],
        AtomProperty.Hybridization =>
            (Volatile.Read(ref _hybridization) ?? Publish(ref _hybridization, Substructure.Hybridization.Assign(this)))[atom],
        _ => throw new ArgumentOutOfRangeException(nameof(property)),
    };

    private static int[] Publish(ref int[]? field, int[] value)
    {
        Volatile.Write(ref field, value);
        return value;
    }

    // A target without ring perception (built by hand) gets rings perceived here, without being modified.
    private RingArrays BuildRingArrays()
    {
        var rings = Rings ?? RingPerception.Perceive(Molecule);
        var n = AtomCount;
        var count = new int[n];
        var min = new int[n];
        foreach (var ring in rings.AtomRings)
            foreach (var a in ring)
            {
                count[a]++;
                if (min[a] == 0 || ring.Length < min[a]) min[a] = ring.Length;
            }
        var inRing = new bool[BondCount];
        for (var b = 0; b < inRing.Length; b++) inRing[b] = rings.IsBondInRing(b);
        var ringBonds = new int[n];
        for (var i = 0; i < n; i++)
            for (var k = AdjStart[i]; k < AdjStart[i + 1]; k++)
                if (inRing[AdjBond[k]]) ringBonds[i]++;
        return new RingArrays(count, min, ringBonds, inRing);
    }

    private int[] BuildHeteroCounts(bool aliphaticOnly)
    {
        var result = new int[AtomCount];
        for (var i = 0; i < AtomCount; i++)
            for (var k = AdjStart[i]; k < AdjStart[i + 1]; k++)
            {
                var o = AdjAtom[k];
                if (Element[o] != 6 && Element[o] != 1 && !(aliphaticOnly && Aromatic[o])) result[i]++;
            }
        return result;
    }

    private int[] BuildTotalValence()
    {
        var result = new int[AtomCount];
        var atoms = Molecule.Atoms;
        for (var i = 0; i < AtomCount; i++)
            result[i] = Valence.Explicit(Molecule, i, strict: false) + atoms[i].ImplicitHydrogens;
        return result;
    }
}
