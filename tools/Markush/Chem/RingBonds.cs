using Sieve.Chemistry;

namespace Sieve.Markush.Chem;

/// <summary>Which bonds lie on a cycle (every bond that is not a bridge). Enough for the Markush predicates,
/// which ask "is this ring system monocyclic, what size, which atoms" and never need an SSSR.</summary>
internal static class RingBonds
{
    public static bool[] Find(Molecule m)
    {
        var n = m.AtomCount;
        var disc = new int[n];
        var low = new int[n];
        var inRing = new bool[m.BondCount];
        for (var i = 0; i < m.BondCount; i++) inRing[i] = true;
        var time = 0;
        var stack = new Stack<(int Atom, int ParentBond, int Next)>();
        for (var s = 0; s < n; s++)
        {
            if (disc[s] != 0) continue;
            disc[s] = low[s] = ++time;
            stack.Push((s, -1, 0));
            while (stack.Count > 0)
            {
                var (a, pb, next) = stack.Pop();
                var bonds = m.BondsOf(a);
                if (next < bonds.Count)
                {
                    stack.Push((a, pb, next + 1));
                    var b = bonds[next];
                    if (b == pb) continue;
                    var o = m.Bonds[b].Other(a);
                    if (disc[o] == 0)
                    {
                        disc[o] = low[o] = ++time;
                        stack.Push((o, b, 0));
                    }
                    else low[a] = Math.Min(low[a], disc[o]);
                }
                else if (pb >= 0)
                {
                    var parent = m.Bonds[pb].Other(a);
                    low[parent] = Math.Min(low[parent], low[a]);
                    if (low[a] > disc[parent]) inRing[pb] = false;
                }
            }
        }
        return inRing;
    }
}
