namespace Sieve.Chemistry.Perception;

/// <summary>RDKit's (2022.09) SSSR procedure, re-implemented so ring choices, and therefore SMARTS
/// <c>R</c>/<c>r</c> counts and aromaticity over macrocycles, come out as RDKit's: per fragment, chains are
/// trimmed, degree-2 nodes (one per chain) seed breadth-first searches for their smallest rings, otherwise a
/// degree-3 node is searched and removed; surplus rings are dropped smallest-first keeping new bonds, and the
/// dropped ones ("extras") of the last such fragment feed the symmetrization step.
/// Neighbours are visited in bond-index order, as RDKit's adjacency lists are.</summary>
internal sealed class SssrFinder
{
    private const int MaxQueue = 200_000;

    private readonly Molecule _m;
    private readonly int _n;
    private readonly int[][] _adj; // bond indices per atom, ascending
    private readonly bool[] _ringBonds;
    private readonly bool[] _ringAtoms;
    private readonly HashSet<string> _invars = [];

    // BFS workspace
    private readonly int[] _done;
    private readonly int[] _parents;
    private readonly int[] _depths;

    private SssrFinder(Molecule m)
    {
        _m = m;
        _n = m.AtomCount;
        _adj = new int[_n][];
        for (var i = 0; i < _n; i++)
        {
            var list = m.BondsOf(i).ToArray();
            Array.Sort(list);
            _adj[i] = list;
        }
        _ringBonds = new bool[m.BondCount];
        _ringAtoms = new bool[_n];
        _done = new int[_n];
        _parents = new int[_n];
        _depths = new int[_n];
    }

    /// <summary>Symmetrized SSSR as atom rings in RDKit's order, or null when RDKit would fall back to its
    /// approximate ring finder (the caller then uses another exact method).</summary>
    public static List<int[]>? Find(Molecule m) => new SssrFinder(m).Run();

    private static string Key(IEnumerable<int> ring)
    {
        var a = ring.ToArray();
        Array.Sort(a);
        return string.Join(',', a);
    }

    private List<int[]>? Run()
    {
        var active = new bool[_m.BondCount];
        var degrees = new int[_n];
        for (var b = 0; b < _m.BondCount; b++)
        {
            if (_m.Bonds[b].Order == BondOrder.Zero) continue;
            active[b] = true;
            degrees[_m.Bonds[b].Begin]++;
            degrees[_m.Bonds[b].End]++;
        }
        var res = new List<int[]>();
        List<int[]>? extras = null;
        foreach (var frag in _m.Components())
        {
            if (frag.Count < 3) continue;
            var changed = new SortedSet<int>();
            var bondsAll = 0;
            var bondsActive = 0;
            foreach (var a in frag)
            {
                bondsAll += _m.Degree(a);
                bondsActive += degrees[a];
                if (degrees[a] < 2) changed.Add(a);
            }
            if (bondsAll / 2 - frag.Count + 1 < 1) continue;
            var nbnds = bondsActive / 2;
            var fragRes = new List<int[]>();
            var doneAts = new bool[_n];
            var nAtomsDone = 0;
            while (nAtomsDone < frag.Count)
            {
                while (changed.Count > 0)
                {
                    var cand = changed.Min;
                    changed.Remove(cand);
                    if (doneAts[cand]) continue;
                    doneAts[cand] = true;
                    nAtomsDone++;
                    TrimBonds(cand, changed, degrees, active);
                }
                var d2 = PickD2Nodes(frag, degrees, active);
                if (d2.Count > 0)
                {
                    FindRingsD2Nodes(fragRes, d2, degrees, active);
                    foreach (var d in d2)
                    {
                        doneAts[d] = true;
                        nAtomsDone++;
                        TrimBonds(d, changed, degrees, active);
                    }
                }
                else if (nAtomsDone < frag.Count)
                {
                    var cand = -1;
                    foreach (var a in frag) if (degrees[a] == 3) { cand = a; break; }
                    if (cand == -1) break;
                    FindRingsD3Node(fragRes, cand, active);
                    doneAts[cand] = true;
                    nAtomsDone++;
                    TrimBonds(cand, changed, degrees, active);
                }
            }

            var expected = nbnds - frag.Count + 1;
            if (fragRes.Count < expected)
            {
                // RDKit's repair for highly fused systems: close rings through ring atoms joined by a non-ring bond.
                // (Its bond scan runs over indices below the fragment's bond count; kept as RDKit has it.)
                var dead = new bool[_m.BondCount];
                var bond = NextPossibleBond(nbnds, dead);
                while (bond >= 0)
                {
                    if (!FindRingConnectingAtoms(bond, fragRes)) dead[bond] = true;
                    bond = NextPossibleBond(nbnds, dead);
                }
                if (fragRes.Count < expected) return null;
            }
            if (fragRes.Count > expected) extras = RemoveExtraRings(fragRes);
            res.AddRange(fragRes);
        }
        if (extras is not null) Symmetrize(res, extras);
        return res;
    }

    private int NextPossibleBond(int limit, bool[] dead)
    {
        for (var i = 0; i < limit && i < _m.BondCount; i++)
        {
            if (_ringBonds[i] || dead[i]) continue;
            var b = _m.Bonds[i];
            if (_ringAtoms[b.Begin] && _ringAtoms[b.End]) return i;
        }
        return -1;
    }

    private void TrimBonds(int cand, ISet<int>? changed, int[] degrees, bool[] active)
    {
        foreach (var b in _adj[cand])
        {
            if (!active[b]) continue;
            var o = _m.Bonds[b].Other(cand);
            if (degrees[o] <= 2) changed?.Add(o);
            active[b] = false;
            degrees[o]--;
            degrees[cand]--;
        }
    }

    private List<int> PickD2Nodes(List<int> frag, int[] degrees, bool[] active)
    {
        var result = new List<int>();
        var forb = new bool[_n];
        var stack = new Stack<int>();
        while (true)
        {
            var root = -1;
            foreach (var a in frag)
                if (degrees[a] == 2 && !forb[a]) { root = a; break; }
            if (root == -1) return result;
            result.Add(root);
            forb[root] = true;
            // Every degree-2 node on the same chain finds the same rings: mark them used.
            stack.Push(root);
            while (stack.Count > 0)
            {
                var x = stack.Pop();
                foreach (var b in _adj[x])
                {
                    if (!active[b]) continue;
                    var o = _m.Bonds[b].Other(x);
                    if (!forb[o] && degrees[o] == 2) { forb[o] = true; stack.Push(o); }
                }
            }
        }
    }

    private void MarkRing(int[] ring)
    {
        for (var i = 0; i < ring.Length; i++)
        {
            _ringAtoms[ring[i]] = true;
            var b = _m.BondIndex(ring[i], ring[(i + 1) % ring.Length]);
            if (b >= 0) _ringBonds[b] = true;
        }
    }

    private void FindRingsD2Nodes(List<int[]> res, List<int> d2nodes, int[] degrees, bool[] active)
    {
        var dupD2Cands = new Dictionary<string, (int[] Sorted, List<int> Nodes)>();
        var dupMap = new Dictionary<int, List<int>>();
        var nodeInvars = new SortedDictionary<int, List<string>>();
        foreach (var cand in d2nodes)
        {
            var srings = new List<int[]>();
            SmallestRingsBfs(cand, srings, active, null);
            foreach (var ring in srings)
            {
                var key = Key(ring);
                if (_invars.Add(key))
                {
                    res.Add(ring);
                    MarkRing(ring);
                }
                if (!nodeInvars.TryGetValue(cand, out var mine)) nodeInvars[cand] = mine = [];
                mine.Add(key);
                foreach (var (node, keys) in nodeInvars)
                {
                    if (node == cand || !keys.Contains(key)) continue;
                    (dupMap.TryGetValue(cand, out var l1) ? l1 : dupMap[cand] = []).Add(node);
                    (dupMap.TryGetValue(node, out var l2) ? l2 : dupMap[node] = []).Add(cand);
                }
                if (!dupD2Cands.TryGetValue(key, out var entry))
                {
                    var sortedAtoms = (int[])ring.Clone();
                    Array.Sort(sortedAtoms);
                    dupD2Cands[key] = entry = (sortedAtoms, []);
                }
                entry.Nodes.Add(cand);
            }
            if (srings.Count == 0)
            {
                // A chain leading nowhere: chew it off now.
                var changed = new SortedSet<int> { cand };
                while (changed.Count > 0)
                {
                    var c = changed.Min;
                    changed.Remove(c);
                    TrimBonds(c, changed, degrees, active);
                }
            }
        }

        // Nodes that found the same ring may hide another small ring: cut their partners off and search again.
        // RDKit walks these in the order of its ring invariants (atom bitsets compared as numbers).
        var ordered = dupD2Cands.Values.ToList();
        ordered.Sort((x, y) => RingKeyComparer.Compare(x.Sorted, y.Sorted));
        foreach (var (_, dupCands) in ordered)
        {
            if (dupCands.Count <= 1) continue;
            var nrings = new List<int[]>();
            var minSize = int.MaxValue;
            foreach (var dupCand in dupCands)
            {
                var degreesCopy = (int[])degrees.Clone();
                var activeCopy = (bool[])active.Clone();
                if (dupMap.TryGetValue(dupCand, out var partners))
                    foreach (var p in partners) TrimBonds(p, null, degreesCopy, activeCopy);
                var srings = new List<int[]>();
                SmallestRingsBfs(dupCand, srings, activeCopy, null);
                foreach (var r in srings)
                {
                    minSize = Math.Min(minSize, r.Length);
                    nrings.Add(r);
                }
            }
            foreach (var r in nrings)
                if (r.Length == minSize && _invars.Add(Key(r))) res.Add(r);
        }
    }

    private void AddNew(List<int[]> res, List<int[]> rings)
    {
        foreach (var r in rings)
            if (_invars.Add(Key(r))) res.Add(r);
    }

    private void FindRingsD3Node(List<int[]> res, int cand, bool[] active)
    {
        var srings = new List<int[]>();
        var nsmall = SmallestRingsBfs(cand, srings, active, null);
        AddNew(res, srings);
        if (nsmall >= 3 || nsmall == 0) return;
        var nbrs = new List<int>(3);
        foreach (var b in _adj[cand])
            if (active[b] && nbrs.Count < 3) nbrs.Add(_m.Bonds[b].Other(cand));
        if (nbrs.Count < 3) return;
        if (nsmall == 2)
        {
            // The third ring avoids the neighbour the first two share.
            var f = -1;
            foreach (var x in nbrs)
                if (srings[0].Contains(x) && srings[1].Contains(x)) { f = x; break; }
            if (f < 0) return;
            var trings = new List<int[]>();
            SmallestRingsBfs(cand, trings, active, [f]);
            AddNew(res, trings);
        }
        else
        {
            // One ring found: look for one through each of its two neighbours, avoiding the other.
            int f1, f2;
            if (!srings[0].Contains(nbrs[0])) (f1, f2) = (nbrs[1], nbrs[2]);
            else if (!srings[0].Contains(nbrs[1])) (f1, f2) = (nbrs[0], nbrs[2]);
            else if (!srings[0].Contains(nbrs[2])) (f1, f2) = (nbrs[0], nbrs[1]);
            else return;
            var trings = new List<int[]>();
            SmallestRingsBfs(cand, trings, active, [f2]);
            AddNew(res, trings);
            trings = [];
            SmallestRingsBfs(cand, trings, active, [f1]);
            AddNew(res, trings);
        }
    }

    /// <summary>All smallest rings through <paramref name="root"/> (Figueras' BFS, all of the smallest size).</summary>
    private int SmallestRingsBfs(int root, List<int[]> rings, bool[] active, int[]? forbidden)
    {
        const int White = 0, Gray = 1, Black = 2;
        Array.Fill(_done, White);
        if (forbidden is not null) foreach (var f in forbidden) _done[f] = Black;
        Array.Fill(_parents, -1);
        Array.Clear(_depths);
        var queue = new Queue<int>();
        queue.Enqueue(root);
        var curSize = int.MaxValue;
        var ring = new List<int>();
        while (queue.Count > 0)
        {
            if (queue.Count >= MaxQueue) return rings.Count;
            var curr = queue.Dequeue();
            _done[curr] = Black;
            var depth = _depths[curr] + 1;
            if (depth > curSize) break;
            foreach (var b in _adj[curr])
            {
                if (!active[b]) continue;
                var nbr = _m.Bonds[b].Other(curr);
                if (_done[nbr] == Black || _parents[curr] == nbr) continue;
                if (_done[nbr] == White)
                {
                    _parents[nbr] = curr;
                    _done[nbr] = Gray;
                    _depths[nbr] = depth;
                    queue.Enqueue(nbr);
                    continue;
                }
                // Reached again by another path: stitch the two paths into a ring through root.
                ring.Clear();
                ring.Add(nbr);
                var parent = _parents[nbr];
                while (parent != -1 && parent != root)
                {
                    ring.Add(parent);
                    parent = _parents[parent];
                }
                ring.Insert(0, curr);
                parent = _parents[curr];
                while (parent != -1)
                {
                    if (ring.Contains(parent)) { ring.Clear(); break; } // paths meet before the root
                    ring.Insert(0, parent);
                    parent = _parents[parent];
                }
                if (ring.Count > 1)
                {
                    if (ring.Count <= curSize)
                    {
                        curSize = ring.Count;
                        rings.Add([.. ring]);
                    }
                    else
                    {
                        return rings.Count;
                    }
                }
            }
        }
        return rings.Count;
    }

    private bool FindRingConnectingAtoms(int bond, List<int[]> res)
    {
        var start = _m.Bonds[bond].Begin;
        var end = _m.Bonds[bond].End;
        var queue = new Queue<List<int>>();
        queue.Enqueue([start]);
        while (queue.Count > 0)
        {
            if (queue.Count >= MaxQueue) return false;
            var path = queue.Dequeue();
            var curr = path[^1];
            foreach (var b in _adj[curr])
            {
                var nbr = _m.Bonds[b].Other(curr);
                if (nbr == end)
                {
                    if (curr == start) continue;
                    var candidate = new List<int>(path) { nbr };
                    var key = Key(candidate);
                    if (_invars.Contains(key)) continue;
                    var ring = candidate.ToArray();
                    _invars.Add(key);
                    res.Add(ring);
                    MarkRing(ring);
                    return true;
                }
                if (_ringAtoms[nbr] && !path.Contains(nbr)) queue.Enqueue(new List<int>(path) { nbr });
            }
        }
        return false;
    }

    private int[] BondRing(int[] ring)
    {
        var bonds = new int[ring.Length];
        for (var i = 0; i < ring.Length; i++) bonds[i] = _m.BondIndex(ring[i], ring[(i + 1) % ring.Length]);
        return bonds;
    }

    /// <summary>Keeps, smallest first, rings that add a bond not yet covered (among same-size rings the one
    /// overlapping most with what is kept goes first); returns the dropped rings.</summary>
    private List<int[]> RemoveExtraRings(List<int[]> res)
    {
        var sorted = res.OrderBy(r => r.Length).ToList(); // stable; RDKit's std::sort ties may differ
        var bitRings = sorted.Select(r => new HashSet<int>(BondRing(r))).ToList();
        var avail = Enumerable.Repeat(true, sorted.Count).ToArray();
        var keep = new bool[sorted.Count];
        var union = new HashSet<int>();
        for (var i = 0; i < sorted.Count; i++)
        {
            if (bitRings[i].IsSubsetOf(union)) avail[i] = false;
            if (!avail[i]) continue;
            union.UnionWith(bitRings[i]);
            keep[i] = true;
            var consider = new bool[sorted.Count];
            var any = false;
            for (var j = i + 1; j < sorted.Count; j++)
                if (avail[j] && sorted[j].Length == sorted[i].Length) { consider[j] = true; any = true; }
            while (any)
            {
                var bestJ = i + 1;
                var bestOverlap = -1;
                for (var j = i + 1; j < sorted.Count && sorted[j].Length == sorted[i].Length; j++)
                {
                    if (!consider[j] || !avail[j]) continue;
                    var overlap = 0;
                    foreach (var b in bitRings[j]) if (union.Contains(b)) overlap++;
                    if (overlap > bestOverlap) { bestOverlap = overlap; bestJ = j; }
                }
                consider[bestJ] = false;
                if (!bitRings[bestJ].IsSubsetOf(union)) { keep[bestJ] = true; union.UnionWith(bitRings[bestJ]); }
                avail[bestJ] = false;
                any = Array.IndexOf(consider, true) >= 0;
            }
        }
        var extras = new List<int[]>();
        res.Clear();
        for (var i = 0; i < sorted.Count; i++) (keep[i] ? res : extras).Add(sorted[i]);
        return extras;
    }

    /// <summary>An extra ring joins when it has the size of an SSSR ring, shares a bond with it and provides
    /// every bond that ring alone provides.</summary>
    private void Symmetrize(List<int[]> res, List<int[]> extras)
    {
        var sssrBonds = res.Select(BondRing).ToList();
        var counts = new int[_m.BondCount];
        foreach (var r in sssrBonds) foreach (var b in r) counts[b]++;
        foreach (var extra in extras)
        {
            var extraBonds = new HashSet<int>(BondRing(extra));
            foreach (var ring in sssrBonds)
            {
                if (ring.Length != extraBonds.Count) continue;
                var share = false;
                var replacesUnique = true;
                foreach (var b in ring)
                {
                    if (counts[b] != 1 && share) continue;
                    if (extraBonds.Contains(b)) share = true;
                    else if (counts[b] == 1) replacesUnique = false;
                }
                if (share && replacesUnique)
                {
                    res.Add(extra);
                    break;
                }
            }
        }
    }

    /// <summary>Orders atom sets as RDKit's bitset invariants compare: as binary numbers with bit i = atom i.</summary>
    private static class RingKeyComparer
    {
        public static int Compare(int[] a, int[] b)
        {
            int i = a.Length - 1, j = b.Length - 1;
            while (i >= 0 && j >= 0)
            {
                if (a[i] != b[j]) return a[i].CompareTo(b[j]);
                i--;
                j--;
            }
            return (i >= 0 ? 1 : 0) - (j >= 0 ? 1 : 0);
        }
    }
}
