namespace Sieve.Chemistry.Canonical;

/// <summary>Ring membership of atoms and bonds found from the graph alone (a bond is in a ring when it
/// is not a bridge), so canonicalisation does not depend on whether ring perception ran or which
/// SSSR it chose.</summary>
internal sealed class Topology
{
    public readonly bool[] RingBond;
    public readonly bool[] RingAtom;
    private readonly Molecule _m;

    public Topology(Molecule m)
    {
        _m = m;
        RingBond = new bool[m.BondCount];
        RingAtom = new bool[m.AtomCount];
        FindBridges(m);
        for (var b = 0; b < m.BondCount; b++)
        {
            if (!RingBond[b]) continue;
            RingAtom[m.Bonds[b].Begin] = true;
            RingAtom[m.Bonds[b].End] = true;
        }
    }

    // Iterative Tarjan bridge finding: recursion would overflow on long chains.
    private void FindBridges(Molecule m)
    {
        var n = m.AtomCount;
        var disc = new int[n];
        var low = new int[n];
        var parentBond = new int[n];
        var iter = new int[n];
        var stack = new int[n];
        var time = 0;
        for (var root = 0; root < n; root++)
        {
            if (disc[root] != 0) continue;
            var sp = 0;
            stack[sp++] = root;
            disc[root] = low[root] = ++time;
            parentBond[root] = -1;
            iter[root] = 0;
            while (sp > 0)
            {
                var a = stack[sp - 1];
                var bonds = m.BondsOf(a);
                if (iter[a] < bonds.Count)
                {
                    var b = bonds[iter[a]++];
                    if (b == parentBond[a]) continue;
                    var o = m.Bonds[b].Other(a);
                    if (disc[o] == 0)
                    {
                        disc[o] = low[o] = ++time;
                        parentBond[o] = b;
                        iter[o] = 0;
                        stack[sp++] = o;
                    }
                    else
                    {
                        // a non-tree edge always closes a cycle
                        RingBond[b] = true;
                        if (disc[o] < low[a]) low[a] = disc[o];
                    }
                }
                else
                {
                    sp--;
                    var pb = parentBond[a];
                    if (pb < 0) continue;
                    var p = m.Bonds[pb].Other(a);
                    if (low[a] < low[p]) low[p] = low[a];
                    if (low[a] <= disc[p]) RingBond[pb] = true;
                }
            }
        }
    }

    /// <summary>Size of the smallest ring through <paramref name="bond"/> (0 when none), by a
    /// breadth-first search from one end to the other that avoids the bond itself.</summary>
    public int SmallestRingThrough(int bond, int limit)
    {
        if (!RingBond[bond]) return 0;
        var b = _m.Bonds[bond];
        var n = _m.AtomCount;
        var dist = new int[n];
        Array.Fill(dist, -1);
        var queue = new int[n];
        int head = 0, tail = 0;
        queue[tail++] = b.Begin;
        dist[b.Begin] = 0;
        while (head < tail)
        {
            var a = queue[head++];
            if (dist[a] + 1 >= limit) break;
            foreach (var bi in _m.BondsOf(a))
            {
                if (bi == bond) continue;
                var o = _m.Bonds[bi].Other(a);
                if (dist[o] >= 0) continue;
                dist[o] = dist[a] + 1;
                if (o == b.End) return dist[o] + 1;
                queue[tail++] = o;
            }
        }
        return 0;
    }
}
