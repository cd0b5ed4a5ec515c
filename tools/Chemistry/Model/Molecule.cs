namespace Sieve.Chemistry;

/// <summary>A molecular graph: atoms, bonds, per-atom bond lists, and what perception found (rings,
/// aromaticity, implicit hydrogens). The shared vocabulary of every Sieve tool.
/// Atom and bond indices are positions in <see cref="Atoms"/> and <see cref="Bonds"/>.</summary>
public sealed class Molecule
{
    private readonly List<Atom> _atoms = [];
    private readonly List<Bond> _bonds = [];
    private readonly List<List<int>> _atomBonds = [];

    public IReadOnlyList<Atom> Atoms => _atoms;
    public IReadOnlyList<Bond> Bonds => _bonds;
    public int AtomCount => _atoms.Count;
    public int BondCount => _bonds.Count;

    /// <summary>Title (SMILES text after the structure, molfile header line 1, SDF record name).</summary>
    public string? Name { get; set; }

    /// <summary>SDF data items (<c>&gt; &lt;NAME&gt;</c>) in file order.</summary>
    public List<KeyValuePair<string, string>> Properties { get; } = [];

    /// <summary>CXSMILES <c>m:</c> / molfile position-variation bonds: a substituent attached through
    /// <see cref="PositionVariation.Atom"/> to any one of <see cref="PositionVariation.Candidates"/>.</summary>
    public List<PositionVariation> PositionVariations { get; } = [];

    /// <summary>CXSMILES <c>Sg:n</c> / molfile SRU groups: drawn repeat brackets around <see cref="RepeatUnit.Atoms"/>
    /// with their subscript (<c>n</c>).</summary>
    public List<RepeatUnit> RepeatUnits { get; } = [];

    /// <summary>Set by ring perception; null until then. Mutating the graph clears it.</summary>
    public RingInfo? Rings { get; set; }

    public int AddAtom(Atom atom)
    {
        ArgumentNullException.ThrowIfNull(atom);
        _atoms.Add(atom);
        _atomBonds.Add([]);
        Rings = null;
        return _atoms.Count - 1;
    }

    public int AddBond(int begin, int end, BondOrder order) => AddBond(new Bond(begin, end, order));

    public int AddBond(Bond bond)
    {
        ArgumentNullException.ThrowIfNull(bond);
        if ((uint)bond.Begin >= (uint)_atoms.Count || (uint)bond.End >= (uint)_atoms.Count)
            throw new ArgumentOutOfRangeException(nameof(bond), $"bond {bond} refers to an atom that does not exist");
        if (bond.Begin == bond.End)
            throw new ArgumentException($"bond {bond} connects an atom to itself", nameof(bond));
        _bonds.Add(bond);
        var index = _bonds.Count - 1;
        _atomBonds[bond.Begin].Add(index);
        _atomBonds[bond.End].Add(index);
        Rings = null;
        return index;
    }

    /// <summary>Indices of the bonds at <paramref name="atom"/>, in the order they were added
    /// (for SMILES input: the order the bonds were written, which stereo parity refers to).</summary>
    public IReadOnlyList<int> BondsOf(int atom) => _atomBonds[atom];

    /// <summary>Neighbour atom indices of <paramref name="atom"/>, in <see cref="BondsOf"/> order.</summary>
    public IEnumerable<int> Neighbors(int atom)
    {
        foreach (var b in _atomBonds[atom])
            yield return _bonds[b].Other(atom);
    }

    /// <summary>Number of explicit neighbours (RDKit's GetDegree).</summary>
    public int Degree(int atom) => _atomBonds[atom].Count;

    public int BondIndex(int a, int b)
    {
        foreach (var i in _atomBonds[a])
            if (_bonds[i].Other(a) == b)
                return i;
        return -1;
    }

    public Bond? BondBetween(int a, int b)
    {
        var i = BondIndex(a, b);
        return i < 0 ? null : _bonds[i];
    }

    /// <summary>Reorders one atom's bond list (used by readers that must keep stereo parity consistent).</summary>
    public void SetBondOrderAt(int atom, IReadOnlyList<int> bondIndices)
    {
        var current = _atomBonds[atom];
        if (bondIndices.Count != current.Count || !bondIndices.All(current.Contains))
            throw new ArgumentException($"new bond order for atom {atom} is not a permutation of its bonds", nameof(bondIndices));
        current.Clear();
        current.AddRange(bondIndices);
    }

    /// <summary>Connected components as lists of atom indices, each in ascending order; components ordered by their lowest atom.</summary>
    public List<List<int>> Components()
    {
        var seen = new bool[_atoms.Count];
        var result = new List<List<int>>();
        var stack = new Stack<int>();
        for (var start = 0; start < _atoms.Count; start++)
        {
            if (seen[start]) continue;
            var comp = new List<int>();
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var a = stack.Pop();
                comp.Add(a);
                foreach (var n in Neighbors(a))
                    if (!seen[n]) { seen[n] = true; stack.Push(n); }
            }
            comp.Sort();
            result.Add(comp);
        }
        return result;
    }

    /// <summary>Deep copy (atoms, bonds, properties, position variations; ring info is shared as it is immutable).</summary>
    public Molecule Clone()
    {
        var copy = new Molecule { Name = Name };
        foreach (var a in _atoms) copy.AddAtom(a.Clone());
        foreach (var b in _bonds) copy.AddBond(b.Clone());
        for (var i = 0; i < _atomBonds.Count; i++)
            copy._atomBonds[i] = [.. _atomBonds[i]];
        copy.Properties.AddRange(Properties);
        foreach (var pv in PositionVariations) copy.PositionVariations.Add(pv with { Candidates = [.. pv.Candidates] });
        foreach (var ru in RepeatUnits) copy.RepeatUnits.Add(ru with { Atoms = [.. ru.Atoms] });
        copy.Rings = Rings;
        return copy;
    }
}

/// <summary>A structural repeat unit (CXSMILES <c>Sg:n:atoms:subscript:connection:::</c>): the bracketed
/// <paramref name="Atoms"/> repeat <paramref name="Subscript"/> times; <paramref name="Connection"/> is
/// <c>ht</c>, <c>hh</c>, <c>eu</c> or empty as drawn.</summary>
public sealed record RepeatUnit(IReadOnlyList<int> Atoms, string Subscript, string Connection);

/// <summary>A bond from <paramref name="Atom"/> to any one of <paramref name="Candidates"/> (CXSMILES <c>m:</c>).</summary>
public sealed record PositionVariation(int Atom, IReadOnlyList<int> Candidates);
