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

/// <summary>A target molecule flattened into arrays for matching: atom properties computed once, adjacency
/// in compressed rows, and the cache of recursive-SMARTS results. One per search call (or per target in a
/// screening loop); not shared between threads.</summary>
internal sealed class TargetView
{
    public readonly Molecule Molecule;
    public readonly int AtomCount;
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

    /// <summary>Neighbours of atom i are AdjAtom[AdjStart[i]..AdjStart[i+1]), with the joining bond in AdjBond.</summary>
    public readonly int[] AdjStart;
    public readonly int[] AdjAtom;
    public readonly int[] AdjBond;

    private int[]? _ringCount, _minRingSize, _ringBondCount, _totalValence, _hetero, _aliphaticHetero;
    private bool[]? _bondInRing;
    private Dictionary<RecursiveAtom, RecursiveResults>? _recursive;

    private readonly RingInfo? _rings;

    /// <param name="rings">The target's ring information; null when the query does not need it.</param>
    public TargetView(Molecule molecule, RingInfo? rings)
    {
        Molecule = molecule;
        _rings = rings;
        var n = AtomCount = molecule.AtomCount;
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
            foreach (var b in molecule.BondsOf(i))
            {
                var other = bonds[b].Other(i);
                AdjAtom[k] = other;
                AdjBond[k] = b;
                k++;
                if (Element[other] == 1) HydrogenNeighbors[i]++;
            }
        }
    }

    /// <summary>Bond index joining two target atoms, -1 when they are not bonded.</summary>
    public int BondBetween(int a, int b)
    {
        for (var k = AdjStart[a]; k < AdjStart[a + 1]; k++)
            if (AdjAtom[k] == b) return AdjBond[k];
        return -1;
    }

    public bool[] BondInRing
    {
        get
        {
            if (_bondInRing is null) BuildRingArrays();
            return _bondInRing!;
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
        AtomProperty.TotalValence => (_totalValence ??= BuildTotalValence())[atom],
        AtomProperty.RingCount => RingArray(ref _ringCount)[atom],
        AtomProperty.MinRingSize => RingArray(ref _minRingSize)[atom],
        AtomProperty.RingBondCount => RingArray(ref _ringBondCount)[atom],
        AtomProperty.HeteroNeighbors => (_hetero ??= BuildHeteroCounts(false))[atom],
        AtomProperty.AliphaticHeteroNeighbors => (_aliphaticHetero ??= BuildHeteroCounts(true))[atom],
        _ => throw new ArgumentOutOfRangeException(nameof(property)),
    };

    private int[] RingArray(ref int[]? field)
    {
        if (field is null) BuildRingArrays();
        return field!;
    }

    private void BuildRingArrays()
    {
        var rings = _rings ?? Molecule.Rings ?? RingPerception.Perceive(Molecule);
        var n = AtomCount;
        var count = new int[n];
        var min = new int[n];
        foreach (var ring in rings.AtomRings)
            foreach (var a in ring)
            {
                count[a]++;
                if (min[a] == 0 || ring.Length < min[a]) min[a] = ring.Length;
            }
        var inRing = new bool[BondType.Length];
        for (var b = 0; b < inRing.Length; b++) inRing[b] = rings.IsBondInRing(b);
        var ringBonds = new int[n];
        for (var i = 0; i < n; i++)
            for (var k = AdjStart[i]; k < AdjStart[i + 1]; k++)
                if (inRing[AdjBond[k]]) ringBonds[i]++;
        _ringCount = count;
        _minRingSize = min;
        _ringBondCount = ringBonds;
        _bondInRing = inRing;
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

    /// <summary>Whether <paramref name="atom"/> starts a match of a recursive query; each (query, atom)
    /// pair is searched at most once per view.</summary>
    public bool MatchesRecursive(RecursiveAtom expression, int atom)
    {
        _recursive ??= [];
        if (!_recursive.TryGetValue(expression, out var results))
        {
            results = new RecursiveResults(this, expression.Query);
            _recursive[expression] = results;
        }
        return results.Matches(atom);
    }
}

/// <summary>Cached answers of one recursive query over one target: 0 unknown, 1 yes, 2 no.</summary>
internal sealed class RecursiveResults(TargetView target, QueryMolecule query)
{
    private readonly byte[] _state = new byte[target.AtomCount];
    private Matcher? _matcher;

    public bool Matches(int atom)
    {
        if (_state[atom] == 0)
        {
            _matcher ??= new Matcher(target, query);
            _state[atom] = _matcher.HasMatchAnchored(atom) ? (byte)1 : (byte)2;
        }
        return _state[atom] == 1;
    }
}
