using Sieve.Chemistry.Smarts;

namespace Sieve.Chemistry.Substructure;

/// <summary>Backtracking subgraph-monomorphism search (VF2 family) of one query in one target.
/// <para>A query needing more atoms of some element than the target has is rejected before any search.
/// Query atoms are visited so that each one after a component's first is bonded to an atom already placed
/// (most bonds back into the placed set first, then the rarest element in this target, then the highest
/// degree), so candidates come from the neighbour list of an already-mapped target atom. Each (query atom,
/// target atom) test — degree, element, then the full expression — runs at most once per search and is
/// remembered. The search itself allocates nothing per candidate.</para></summary>
internal sealed class Matcher
{
    private readonly TargetView _t;
    private readonly QueryPlan _q;
    private readonly QueryMolecule _query;
    private readonly int _nq, _nt;
    // Per (query atom, target atom): 0 not yet tested, 1 compatible, 2 not.
    private readonly byte[] _memo;
    private readonly bool _impossible;

    private Order? _freeOrder, _anchoredOrder;

    // Search state.
    private readonly int[] _map;
    private readonly bool[] _used;
    private readonly int[] _cursor;
    private Order _order = null!;
    private int _anchor = -1;
    private bool _stopAtFirst;
    private bool _useChirality;
    private int _maxMatches;
    private int _rawCount;
    private List<int[]>? _results;
    private HashSet<int[]>? _seen;

    public Matcher(TargetView target, QueryMolecule query)
    {
        _t = target;
        _query = query;
        _q = query.Plan;
        _nq = _q.AtomCount;
        _nt = target.AtomCount;
        _impossible = _nq == 0 || _nq > _nt || !ElementsSuffice();
        _map = new int[_nq];
        _used = new bool[_nt];
        _cursor = new int[_nq + 1];
        _memo = _impossible ? [] : new byte[_nq * _nt];
    }

    private bool ElementsSuffice()
    {
        var have = _t.Data.ElementCounts;
        var need = _q.ElementNeeds;
        for (var i = 0; i < need.Length; i += 2)
            if (have[need[i]] < need[i + 1]) return false;
        return true;
    }

    private bool IsCandidate(int q, int t)
    {
        var i = q * _nt + t;
        var m = _memo[i];
        if (m != 0) return m == 1;
        var required = _q.RequiredElement[q];
        var ok = _t.Degree[t] >= _q.Degree[q]
                 && (required < 0 || _t.Element[t] == required)
                 && _q.Atoms[q].Matches(_t, t);
        _memo[i] = ok ? (byte)1 : (byte)2;
        return ok;
    }

    public bool HasMatch(bool useChirality = false)
    {
        if (_impossible) return false;
        Begin(-1, stopAtFirst: true, useChirality, int.MaxValue, uniquify: false);
        return Search();
    }

    /// <summary>Does some match map query atom 0 onto <paramref name="atom"/>? (recursive SMARTS)</summary>
    public bool HasMatchAnchored(int atom)
    {
        if (_impossible || !IsCandidate(0, atom)) return false;
        Begin(atom, stopAtFirst: true, useChirality: false, int.MaxValue, uniquify: false);
        return Search();
    }

    public List<int[]> FindAll(bool uniquify, int maxMatches, bool useChirality)
    {
        var results = new List<int[]>();
        if (_impossible || maxMatches <= 0) return results;
        Begin(-1, stopAtFirst: false, useChirality, maxMatches, uniquify);
        _results = results;
        Search();
        _results = null;
        _seen = null;
        return results;
    }

    private void Begin(int anchor, bool stopAtFirst, bool useChirality, int maxMatches, bool uniquify)
    {
        _anchor = anchor;
        _order = anchor >= 0 ? (_anchoredOrder ??= BuildOrder(0)) : (_freeOrder ??= BuildOrder(-1));
        _stopAtFirst = stopAtFirst;
        _useChirality = useChirality && _q.HasChirality;
        _maxMatches = maxMatches;
        _rawCount = 0;
        _seen = uniquify ? new HashSet<int[]>(SortedAtomSetComparer.Instance) : null;
        Array.Clear(_used);
    }

    /// <summary>Depth-first search over <see cref="Order"/>, iterative so that a query of any size cannot
    /// overflow the stack. <c>_cursor[d]</c> is where the candidate scan of depth d resumes. True means
    /// "stop searching" (first match wanted, or MaxMatches reached).</summary>
    private bool Search()
    {
        var o = _order;
        var depth = 0;
        _cursor[0] = StartCursor(0);
        while (true)
        {
            if (depth == _nq)
            {
                if (Found()) return true;
                depth--;
                _used[_map[o.Atoms[depth]]] = false;
                continue;
            }
            var t = NextCandidate(depth);
            if (t < 0)
            {
                if (depth == 0) return false;
                depth--;
                _used[_map[o.Atoms[depth]]] = false;
                continue;
            }
            _map[o.Atoms[depth]] = t;
            _used[t] = true;
            depth++;
            if (depth < _nq) _cursor[depth] = StartCursor(depth);
        }
    }

    private int StartCursor(int depth)
    {
        var parent = _order.Parent[depth];
        return parent < 0 ? 0 : _t.AdjStart[_map[parent]];
    }

    /// <summary>The next target atom that can stand for query atom Order.Atoms[depth], or -1.</summary>
    private int NextCandidate(int depth)
    {
        var o = _order;
        var q = o.Atoms[depth];
        var parent = o.Parent[depth];
        if (parent < 0)
        {
            if (depth == 0 && _anchor >= 0)
            {
                // Anchored search (recursive SMARTS): the root may only be the anchor, tried once.
                if (_cursor[0] != 0) return -1;
                _cursor[0] = 1;
                return _anchor;
            }
            for (var t = _cursor[depth]; t < _nt; t++)
            {
                if (_used[t] || !IsCandidate(q, t) || !BackEdgesMatch(depth, t)) continue;
                _cursor[depth] = t + 1;
                return t;
            }
            _cursor[depth] = _nt;
            return -1;
        }
        var bondExpr = _q.Bonds[o.ParentBond[depth]];
        var end = _t.AdjStart[_map[parent] + 1];
        for (var k = _cursor[depth]; k < end; k++)
        {
            var t = _t.AdjAtom[k];
            if (_used[t] || !IsCandidate(q, t)) continue;
            if (!bondExpr.Matches(_t, _t.AdjBond[k]) || !BackEdgesMatch(depth, t)) continue;
            _cursor[depth] = k + 1;
            return t;
        }
        _cursor[depth] = end;
        return -1;
    }

    private bool BackEdgesMatch(int depth, int t)
    {
        var o = _order;
        for (var i = o.BackStart[depth]; i < o.BackStart[depth + 1]; i++)
        {
            var b = _t.BondBetween(t, _map[o.BackAtom[i]]);
            if (b < 0 || !_q.Bonds[o.BackBond[i]].Matches(_t, b)) return false;
        }
        return true;
    }

    private bool Found()
    {
        if (_useChirality && !ChiralityCheck.Matches(_t, _query, _map)) return false;
        if (_stopAtFirst) return true;
        _rawCount++;
        var match = (int[])_map.Clone();
        if (_seen is null || _seen.Add(match)) _results!.Add(match);
        return _rawCount >= _maxMatches;
    }

    /// <summary>Visiting order of query atoms, with for each step the already-placed neighbour whose target
    /// image supplies candidates (Parent) and the other bonds back into the placed set.</summary>
    private sealed class Order
    {
        public required int[] Atoms, Parent, ParentBond, BackStart, BackAtom, BackBond;
    }

    private Order BuildOrder(int root)
    {
        var n = _nq;
        var atoms = new int[n];
        var parent = new int[n];
        var parentBond = new int[n];
        var backStart = new int[n + 1];
        var backAtom = new List<int>();
        var backBond = new List<int>();
        var placed = new bool[n];
        var conn = new int[n];
        for (var d = 0; d < n; d++)
        {
            var pick = -1;
            if (d == 0 && root >= 0) pick = root;
            else
            {
                for (var q = 0; q < n; q++)
                {
                    if (placed[q]) continue;
                    if (pick < 0 || Better(q, pick, conn)) pick = q;
                }
            }
            atoms[d] = pick;
            placed[pick] = true;
            parent[d] = -1;
            parentBond[d] = -1;
            for (var k = _q.AdjStart[pick]; k < _q.AdjStart[pick + 1]; k++)
            {
                var nb = _q.AdjAtom[k];
                if (placed[nb])
                {
                    if (parent[d] < 0)
                    {
                        parent[d] = nb;
                        parentBond[d] = _q.AdjBond[k];
                    }
                    else
                    {
                        backAtom.Add(nb);
                        backBond.Add(_q.AdjBond[k]);
                    }
                }
                else conn[nb]++;
            }
            backStart[d + 1] = backAtom.Count;
        }
        return new Order
        {
            Atoms = atoms, Parent = parent, ParentBond = parentBond,
            BackStart = backStart, BackAtom = [.. backAtom], BackBond = [.. backBond],
        };
    }

    // How many target atoms could stand for query atom q, as far as its element tells.
    private int Estimate(int q)
    {
        var e = _q.RequiredElement[q];
        return (uint)e < 256 ? _t.Data.ElementCounts[e] : _nt;
    }

    // Prefer atoms bonded into the placed set (so candidates come from a neighbour list), then the
    // most such bonds, then the fewest candidates, then the highest degree.
    private bool Better(int a, int b, int[] conn)
    {
        var ca = conn[a] > 0;
        var cb = conn[b] > 0;
        if (ca != cb) return ca;
        if (conn[a] != conn[b]) return conn[a] > conn[b];
        var ea = Estimate(a);
        var eb = Estimate(b);
        if (ea != eb) return ea < eb;
        return _q.Degree[a] > _q.Degree[b];
    }
}

/// <summary>Equality of matches as sets of target atoms (RDKit's uniquify).</summary>
internal sealed class SortedAtomSetComparer : IEqualityComparer<int[]>
{
    public static readonly SortedAtomSetComparer Instance = new();

    public bool Equals(int[]? x, int[]? y)
    {
        if (x is null || y is null) return x == y;
        if (x.Length != y.Length) return false;
        // Matches are injective, so equal sets have equal sums and every x element occurs in y.
        foreach (var a in x)
            if (Array.IndexOf(y, a) < 0) return false;
        return true;
    }

    public int GetHashCode(int[] obj)
    {
        // Order-independent: sum and xor of mixed values.
        uint sum = 0, xor = 0;
        foreach (var a in obj)
        {
            var h = (uint)a * 2654435761u;
            sum += h;
            xor ^= h;
        }
        return (int)(sum ^ (xor << 7) ^ (xor >> 25));
    }
}
