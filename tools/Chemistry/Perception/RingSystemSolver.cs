namespace Sieve.Chemistry.Perception;

/// <summary>SSSR plus RDKit-style symmetrization for one ring system (a connected set of ring bonds).
/// Candidates are the shortest cycles through each bond and Horton's cycles (shortest paths from a vertex
/// to both ends of a bond); an independent set is picked smallest first by GF(2) elimination.</summary>
internal sealed class RingSystemSolver
{
    private readonly Molecule _m;
    private readonly List<int> _atoms;
    private readonly List<int> _bonds;
    private readonly bool[] _isRingBond;
    private readonly Dictionary<int, int> _localAtom = [];
    private readonly Dictionary<int, int> _localBond = [];
    private readonly int _words;

    public RingSystemSolver(Molecule m, List<int> atoms, List<int> bonds, bool[] isRingBond)
    {
        _m = m;
        _atoms = atoms;
        _bonds = bonds;
        _isRingBond = isRingBond;
        for (var i = 0; i < atoms.Count; i++) _localAtom[atoms[i]] = i;
        for (var i = 0; i < bonds.Count; i++) _localBond[bonds[i]] = i;
        _words = (bonds.Count + 63) / 64;
    }

    private sealed class Cycle(ulong[] bits, int size)
    {
        public ulong[] Bits { get; } = bits;
        public int Size { get; } = size;
    }

    public void Solve(List<int[]> atomRings, List<int[]> bondRings)
    {
        var needed = _bonds.Count - _atoms.Count + 1;
        if (needed <= 0) return;
        if (needed == 1)
        {
            // An isolated ring (the common case): the system is the cycle itself.
            var all = new ulong[_words];
            for (var i = 0; i < _bonds.Count; i++) all[i >> 6] |= 1UL << (i & 63);
            var (ringAtoms, ringBonds) = Walk(all);
            atomRings.Add(ringAtoms);
            bondRings.Add(ringBonds);
            return;
        }

        var candidates = new List<Cycle>();
        var seen = new HashSet<string>();
        CollectShortestCyclesThroughBonds(candidates, seen);
        CollectHortonCycles(candidates, seen);
        candidates.Sort((a, b) => a.Size.CompareTo(b.Size));

        // Smallest-first GF(2) elimination: a candidate joins the basis when independent of those before it.
        var basis = new List<Cycle>();
        var reduced = new List<(ulong[] Row, int Pivot)>();
        var extras = new List<Cycle>();
        foreach (var c in candidates)
        {
            if (basis.Count < needed && TryAddIndependent(reduced, c.Bits))
                basis.Add(c);
            else
                extras.Add(c);
        }

        var chosen = new List<Cycle>(basis);
        Symmetrize(basis, extras, chosen);

        foreach (var c in chosen)
        {
            var (atomsInOrder, bondsInOrder) = Walk(c.Bits);
            atomRings.Add(atomsInOrder);
            bondRings.Add(bondsInOrder);
        }
    }

    /// <summary>RDKit adds a non-SSSR ring when it has the size of an SSSR ring and also holds every bond that
    /// SSSR ring alone provides. We further require the extra to be a relevant cycle (not a sum of smaller rings).</summary>
    private void Symmetrize(List<Cycle> basis, List<Cycle> extras, List<Cycle> chosen)
    {
        if (extras.Count == 0) return;
        var count = new int[_bonds.Count];
        foreach (var c in basis)
            for (var i = 0; i < _bonds.Count; i++)
                if (Has(c.Bits, i)) count[i]++;
        foreach (var extra in extras)
        {
            var matches = false;
            foreach (var c in basis)
            {
                if (c.Size != extra.Size) continue;
                var ok = true;
                for (var i = 0; i < _bonds.Count && ok; i++)
                    if (count[i] == 1 && Has(c.Bits, i) && !Has(extra.Bits, i)) ok = false;
                if (ok) { matches = true; break; }
            }
            if (!matches) continue;
            // Relevant: independent of all basis rings strictly smaller than it.
            var smaller = new List<(ulong[] Row, int Pivot)>();
            foreach (var c in basis)
                if (c.Size < extra.Size) TryAddIndependent(smaller, c.Bits);
            if (!TryAddIndependent(smaller, extra.Bits)) continue;
            chosen.Add(extra);
        }
    }

    private static bool Has(ulong[] bits, int i) => (bits[i >> 6] & (1UL << (i & 63))) != 0;

    private bool TryAddIndependent(List<(ulong[] Row, int Pivot)> reduced, ulong[] bits)
    {
        var row = (ulong[])bits.Clone();
        foreach (var (r, pivot) in reduced)
            if (Has(row, pivot))
                for (var w = 0; w < _words; w++) row[w] ^= r[w];
        for (var i = 0; i < _bonds.Count; i++)
            if (Has(row, i)) { reduced.Add((row, i)); return true; }
        return false;
    }

    private void AddCycle(List<Cycle> candidates, HashSet<string> seen, List<int> cycleBonds)
    {
        var bits = new ulong[_words];
        foreach (var b in cycleBonds)
        {
            var i = _localBond[b];
            if (Has(bits, i)) return; // not a simple cycle
            bits[i >> 6] |= 1UL << (i & 63);
        }
        var key = string.Join(',', bits);
        if (seen.Add(key)) candidates.Add(new Cycle(bits, cycleBonds.Count));
    }

    private IEnumerable<(int Bond, int Other)> RingNeighbours(int atom)
    {
        foreach (var b in _m.BondsOf(atom))
            if (_isRingBond[b] && _localBond.ContainsKey(b))
                yield return (b, _m.Bonds[b].Other(atom));
    }

    /// <summary>For every bond u-w: all shortest u..w paths avoiding the bond (bounded), each closing a cycle.</summary>
    private void CollectShortestCyclesThroughBonds(List<Cycle> candidates, HashSet<string> seen)
    {
        var n = _atoms.Count;
        var dist = new int[n];
        var queue = new Queue<int>();
        foreach (var bond in _bonds)
        {
            var u = _m.Bonds[bond].Begin;
            var w = _m.Bonds[bond].End;
            Array.Fill(dist, -1);
            dist[_localAtom[u]] = 0;
            queue.Clear();
            queue.Enqueue(u);
            while (queue.Count > 0)
            {
                var a = queue.Dequeue();
                if (a == w) break;
                foreach (var (b, o) in RingNeighbours(a))
                {
                    if (b == bond) continue;
                    var lo = _localAtom[o];
                    if (dist[lo] >= 0) continue;
                    dist[lo] = dist[_localAtom[a]] + 1;
                    queue.Enqueue(o);
                }
            }
            if (dist[_localAtom[w]] < 0) continue;
            // Walk back from w along strictly decreasing distance: every such walk is a shortest path.
            var paths = 0;
            var path = new List<int> { bond };
            Enumerate(w, u, bond, dist, path, ref paths, candidates, seen);
        }
    }

    private void Enumerate(int at, int target, int skip, int[] dist, List<int> path, ref int paths, List<Cycle> candidates, HashSet<string> seen)
    {
        if (paths >= RingPerception.MaxPaths) return;
        if (at == target) { paths++; AddCycle(candidates, seen, path); return; }
        var d = dist[_localAtom[at]];
        foreach (var (b, o) in RingNeighbours(at))
        {
            if (b == skip) continue;
            if (dist[_localAtom[o]] != d - 1) continue;
            path.Add(b);
            Enumerate(o, target, skip, dist, path, ref paths, candidates, seen);
            path.RemoveAt(path.Count - 1);
            if (paths >= RingPerception.MaxPaths) return;
        }
    }

    /// <summary>Horton's candidates: for each root v and bond x-y, shortest v..x and v..y paths that meet only at v.</summary>
    private void CollectHortonCycles(List<Cycle> candidates, HashSet<string> seen)
    {
        var n = _atoms.Count;
        var parentBond = new int[n];
        var dist = new int[n];
        var queue = new Queue<int>();
        var onPath = new bool[n];
        foreach (var v in _atoms)
        {
            Array.Fill(dist, -1);
            var lv = _localAtom[v];
            dist[lv] = 0;
            parentBond[lv] = -1;
            queue.Clear();
            queue.Enqueue(v);
            while (queue.Count > 0)
            {
                var a = queue.Dequeue();
                foreach (var (b, o) in RingNeighbours(a))
                {
                    var lo = _localAtom[o];
                    if (dist[lo] >= 0) continue;
                    dist[lo] = dist[_localAtom[a]] + 1;
                    parentBond[lo] = b;
                    queue.Enqueue(o);
                }
            }
            foreach (var bond in _bonds)
            {
                var x = _m.Bonds[bond].Begin;
                var y = _m.Bonds[bond].End;
                int lx = _localAtom[x], ly = _localAtom[y];
                if (parentBond[lx] == bond || parentBond[ly] == bond) continue;
                var cycle = new List<int> { bond };
                Array.Clear(onPath);
                var ok = true;
                for (var a = x; ; )
                {
                    var la = _localAtom[a];
                    onPath[la] = true;
                    if (a == v) break;
                    cycle.Add(parentBond[la]);
                    a = _m.Bonds[parentBond[la]].Other(a);
                }
                for (var a = y; ; )
                {
                    var la = _localAtom[a];
                    if (a == v) break;
                    if (onPath[la]) { ok = false; break; }
                    cycle.Add(parentBond[la]);
                    a = _m.Bonds[parentBond[la]].Other(a);
                }
                if (ok) AddCycle(candidates, seen, cycle);
            }
        }
    }

    /// <summary>Atoms and bonds of a cycle in ring order.</summary>
    private (int[] Atoms, int[] Bonds) Walk(ulong[] bits)
    {
        var bonds = new List<int>();
        for (var i = 0; i < _bonds.Count; i++) if (Has(bits, i)) bonds.Add(_bonds[i]);
        var inCycle = new HashSet<int>(bonds);
        var atoms = new int[bonds.Count];
        var ordered = new int[bonds.Count];
        var first = bonds[0];
        var start = _m.Bonds[first].Begin;
        var current = _m.Bonds[first].End;
        atoms[0] = start;
        ordered[0] = first;
        var prevBond = first;
        for (var k = 1; k < bonds.Count; k++)
        {
            atoms[k] = current;
            foreach (var b in _m.BondsOf(current))
            {
                if (b == prevBond || !inCycle.Contains(b)) continue;
                ordered[k] = b;
                prevBond = b;
                current = _m.Bonds[b].Other(current);
                break;
            }
        }
        return (atoms, ordered);
    }
}
