using System.Runtime.CompilerServices;
using Sieve.Chemistry.Smarts;

namespace Sieve.Chemistry.Substructure;

/// <summary>Backtracking subgraph-monomorphism search (VF2 family) of one query in one target.
/// <para>Before searching it tests every (query atom, target atom) pair once — degree first, then the atom
/// expression — into a candidate table; an empty row ends the search at once. Query atoms are then visited
/// so that each one after a component's first is bonded to an atom already placed (most constrained first:
/// most bonds back into the placed set, then fewest candidates), so candidates come from the neighbour list
/// of an already-mapped target atom rather than the whole molecule. The search itself allocates nothing
/// per candidate.</para></summary>
internal sealed class Matcher
{
    private readonly TargetView _t;
    private readonly QueryPlan _q;
    private readonly QueryMolecule _query;
    private readonly int _nq, _nt;
    private readonly bool[] _cand;
    private readonly int[] _candCount;
    private readonly bool _impossible;

    private Order? _freeOrder, _anchoredOrder;

    // Search state.
    private readonly int[] _map;
    private readonly bool[] _used;
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
        _map = new int[_nq];
        _used = new bool[_nt];
        _candCount = new int[_nq];
        _cand = new bool[_nq * _nt];
        _impossible = _nq == 0 || _nq > _nt || !FillCandidates();
    }

    private bool FillCandidates()
    {
        var element = _t.Element;
        var degree = _t.Degree;
        for (var q = 0; q < _nq; q++)
        {
            var expr = _q.Atoms[q];
            var qd = _q.Degree[q];
            var required = expr.RequiredElement;
            var row = q * _nt;
            var count = 0;
            for (var t = 0; t < _nt; t++)
            {
                if (degree[t] < qd || (required >= 0 && element[t] != required)) continue;
                if (!expr.Matches(_t, t)) continue;
                _cand[row + t] = true;
                count++;
            }
            if (count == 0) return false;
            _candCount[q] = count;
        }
        return true;
    }

    public bool HasMatch(bool useChirality = false)
    {
        if (_impossible) return false;
        Begin(-1, stopAtFirst: true, useChirality, int.MaxValue, uniquify: false);
        return Extend(0);
    }

    /// <summary>Does some match map query atom 0 onto <paramref name="atom"/>? (recursive SMARTS)</summary>
    public bool HasMatchAnchored(int atom)
    {
        if (_impossible || !_cand[atom]) return false;
        Begin(atom, stopAtFirst: true, useChirality: false, int.MaxValue, uniquify: false);
        return Extend(0);
    }

    public List<int[]> FindAll(bool uniquify, int maxMatches, bool useChirality)
    {
        var results = new List<int[]>();
        if (_impossible || maxMatches <= 0) return results;
        Begin(-1, stopAtFirst: false, useChirality, maxMatches, uniquify);
        _results = results;
        Extend(0);
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

    /// <summary>Places query atom Order.Atoms[depth]; true means "stop searching".</summary>
    private bool Extend(int depth)
    {
        if (depth == _nq) return Found();
        var o = _order;
        var q = o.Atoms[depth];
        var row = q * _nt;
        var parent = o.Parent[depth];
        if (parent < 0)
        {
            if (_anchor >= 0 && depth == 0)
                return TryPlace(depth, q, _anchor);
            for (var t = 0; t < _nt; t++)
                if (!_used[t] && _cand[row + t] && BackEdgesMatch(depth, t) && TryPlace(depth, q, t))
                    return true;
            return false;
        }
        var tp = _map[parent];
        var bondExpr = _q.Bonds[o.ParentBond[depth]];
        var adjAtom = _t.AdjAtom;
        var end = _t.AdjStart[tp + 1];
        for (var k = _t.AdjStart[tp]; k < end; k++)
        {
            var t = adjAtom[k];
            if (_used[t] || !_cand[row + t]) continue;
            if (!bondExpr.Matches(_t, _t.AdjBond[k])) continue;
            if (!BackEdgesMatch(depth, t)) continue;
            if (TryPlace(depth, q, t)) return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryPlace(int depth, int q, int t)
    {
        _map[q] = t;
        _used[t] = true;
        var stop = Extend(depth + 1);
        _used[t] = false;
        return stop;
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

    // Prefer atoms bonded into the placed set (so candidates come from a neighbour list), then the
    // most such bonds, then the fewest candidates, then the highest degree.
    private bool Better(int a, int b, int[] conn)
    {
        var ca = conn[a] > 0;
        var cb = conn[b] > 0;
        if (ca != cb) return ca;
        if (conn[a] != conn[b]) return conn[a] > conn[b];
        if (_candCount[a] != _candCount[b]) return _candCount[a] < _candCount[b];
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
