namespace Sieve.Chemistry.Smarts;

/// <summary>One atom of a <see cref="QueryMolecule"/>: a predicate over target atoms plus what SMARTS
/// records besides (atom map, written chirality).</summary>
public sealed class QueryAtom
{
    internal QueryAtom(AtomExpression expression) => Expression = expression;

    internal AtomExpression Expression { get; }

    /// <summary>Atom map number (<c>[C:3]</c>); 0 = none.</summary>
    public int AtomMap { get; internal set; }

    /// <summary>Written <c>@</c> / <c>@@</c>, relative to this atom's bond order in the query (SMILES convention);
    /// only checked when <c>SubstructureOptions.UseChirality</c> is set.</summary>
    public Chirality Chirality { get; internal set; }

    /// <summary>The parity the matcher compares: relative to this atom's bond order with any implicit H (or
    /// lone pair) taken as the last neighbour. For SMARTS that is the written mark, as RDKit reads SMARTS
    /// (it does not move a leading H); for a molecule as query it is normalised like a target atom.</summary>
    internal Chirality MatchChirality { get; set; }

    public override string ToString() => Expression.ToString() ?? "";
}

/// <summary>One bond of a <see cref="QueryMolecule"/>.</summary>
public sealed class QueryBond
{
    internal QueryBond(int begin, int end, BondExpression expression)
    {
        Begin = begin;
        End = end;
        Expression = expression;
    }

    public int Begin { get; }
    public int End { get; }
    internal BondExpression Expression { get; }

    public int Other(int atom) => atom == Begin ? End : Begin;

    public override string ToString() => $"{Begin}-{End} {Expression}";
}

/// <summary>A substructure query: atoms and bonds that are predicates over a perceived target
/// <see cref="Molecule"/>. Built by <see cref="SmartsReader.Read"/> or <see cref="FromMolecule"/>;
/// immutable once built, so one query can be searched from many threads.</summary>
public sealed class QueryMolecule
{
    private readonly List<QueryAtom> _atoms = [];
    private readonly List<QueryBond> _bonds = [];
    private readonly List<List<int>> _atomBonds = [];
    private bool? _needsRings;

    internal QueryMolecule(string? smarts) => Smarts = smarts;

    /// <summary>The SMARTS text this query was read from; null for <see cref="FromMolecule"/>.</summary>
    public string? Smarts { get; }

    public IReadOnlyList<QueryAtom> Atoms => _atoms;
    public IReadOnlyList<QueryBond> Bonds => _bonds;
    public int AtomCount => _atoms.Count;
    public int BondCount => _bonds.Count;

    /// <summary>Indices of the bonds at a query atom, in the order they were written.</summary>
    public IReadOnlyList<int> BondsOf(int atom) => _atomBonds[atom];

    internal int AddAtom(QueryAtom atom)
    {
        _atoms.Add(atom);
        _atomBonds.Add([]);
        return _atoms.Count - 1;
    }

    internal int AddBond(int begin, int end, BondExpression expression, int beginSlot = -1)
    {
        _bonds.Add(new QueryBond(begin, end, expression));
        var index = _bonds.Count - 1;
        if (beginSlot >= 0) _atomBonds[begin][beginSlot] = index;
        else _atomBonds[begin].Add(index);
        _atomBonds[end].Add(index);
        return index;
    }

    /// <summary>Keeps a place in an atom's bond list for a ring bond whose digit is written now but whose
    /// bond exists only when the ring closes, so bond order is writing order (chirality refers to it).</summary>
    internal int ReserveBondSlot(int atom)
    {
        _atomBonds[atom].Add(-1);
        return _atomBonds[atom].Count - 1;
    }

    internal int BondIndex(int a, int b)
    {
        foreach (var i in _atomBonds[a])
            if (i >= 0 && _bonds[i].Other(a) == b) return i; // -1: a ring bond not yet closed
        return -1;
    }

    /// <summary>True when some atom or bond test reads ring membership (R, r, x, @), recursive queries included.</summary>
    internal bool NeedsRings => _needsRings ??= ComputeNeedsRings();

    private bool ComputeNeedsRings()
    {
        foreach (var a in _atoms) if (a.Expression.NeedsRings) return true;
        foreach (var b in _bonds) if (b.Expression.NeedsRings) return true;
        return false;
    }

    // The matcher's per-query preparation (adjacency arrays, degrees), built once on first search.
    private Substructure.QueryPlan? _plan;
    internal Substructure.QueryPlan Plan => _plan ??= new Substructure.QueryPlan(this);

    /// <summary>A molecule used as a query, as RDKit uses a molecule as a query for another:
    /// each atom requires its element and aromaticity, its charge when nonzero, its isotope when set and its
    /// radical count when nonzero (RDKit compares no aromaticity on atoms: an aliphatic C of the query matches
    /// an aromatic c there; here it does not, which is what a scaffold search wants);
    /// a <c>*</c> (element 0) atom matches any atom. Each bond requires its type (single, double, triple,
    /// quadruple or aromatic); a zero-order bond matches any bond. Hydrogen counts are not compared.</summary>
    public static QueryMolecule FromMolecule(Molecule molecule)
    {
        ArgumentNullException.ThrowIfNull(molecule);
        var q = new QueryMolecule(null);
        foreach (var a in molecule.Atoms)
        {
            AtomExpression e = a.Element == 0
                ? AnyAtom.Instance
                : new MoleculeAtom(a.Element, a.IsAromatic, a.Charge, a.Isotope, a.RadicalElectrons);
            q.AddAtom(new QueryAtom(e) { AtomMap = a.AtomMap, Chirality = a.Chirality });
        }
        foreach (var b in molecule.Bonds)
        {
            BondExpression e = b.IsAromatic || b.Order == BondOrder.Aromatic
                ? new BondTypeIs(Substructure.TargetBondType.Aromatic)
                : b.Order == BondOrder.Zero
                    ? AnyBond.Instance
                    : new BondTypeIs((Substructure.TargetBondType)(byte)b.Order);
            q.AddBond(b.Begin, b.End, e);
        }
        // Keep each atom's bond order as the molecule has it (stereo parity refers to it).
        for (var i = 0; i < molecule.AtomCount; i++)
        {
            var list = q._atomBonds[i];
            list.Clear();
            list.AddRange(molecule.BondsOf(i));
            q._atoms[i].MatchChirality = Substructure.ChiralityCheck.Normalized(molecule, i);
        }
        return q;
    }
}

/// <summary>The atom test of <see cref="QueryMolecule.FromMolecule"/>, fused into one node because the
/// Markush matcher runs it in its innermost loop.</summary>
internal sealed class MoleculeAtom(int element, bool aromatic, int charge, int isotope, int radicals) : AtomExpression
{
    public override bool Matches(Substructure.TargetView target, int atom) =>
        target.Element[atom] == element
        && target.Aromatic[atom] == aromatic
        && (charge == 0 || target.Charge[atom] == charge)
        && (isotope == 0 || target.Isotope[atom] == isotope)
        && (radicals == 0 || target.Molecule.Atoms[atom].RadicalElectrons == radicals);

    public override int RequiredElement => element;

    public override string ToString() =>
        $"{(aromatic ? Elements.Symbol(element).ToLowerInvariant() : Elements.Symbol(element))}{(charge != 0 ? charge.ToString("+0;-0") : "")}{(isotope != 0 ? "@" + isotope : "")}";
}
