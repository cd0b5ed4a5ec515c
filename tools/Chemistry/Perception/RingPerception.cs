namespace Sieve.Chemistry.Perception;

/// <summary>Ring perception as RDKit's RingInfo reports it: the smallest set of smallest rings found the way
/// RDKit finds them, symmetrized (an extra ring of the same size joins when it could replace an SSSR ring
/// without losing any ring bond, e.g. cubane gets all six faces), so SMARTS <c>R</c>/<c>r</c> counts and
/// aromaticity over macrocycles match RDKit's.</summary>
public static class RingPerception
{
    // Enumerating every shortest cycle through an edge is exponential in pathological cages; this bound
    // is far above anything a real molecule needs.
    private const int MaxPathsPerEdge = 64;

    public static RingInfo Perceive(Molecule m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (CycleRank(m) == 0) return new RingInfo([], [], m.AtomCount, m.BondCount);
        var rdkit = SssrFinder.Find(m);
        if (rdkit is not null)
        {
            var bondRings = new List<int[]>(rdkit.Count);
            foreach (var ring in rdkit)
            {
                var bonds = new int[ring.Length];
                for (var i = 0; i < ring.Length; i++) bonds[i] = m.BondIndex(ring[i], ring[(i + 1) % ring.Length]);
                bondRings.Add(bonds);
            }
            return new RingInfo(rdkit, bondRings, m.AtomCount, m.BondCount);
        }
        return PerceiveMinimumCycleBasis(m);
    }

    /// <summary>Fallback where RDKit's procedure finds too few rings (RDKit then switches to an approximate
    /// finder): an exact minimum cycle basis per ring system, symmetrized the same way.</summary>
    internal static RingInfo PerceiveMinimumCycleBasis(Molecule m)
    {
        var isRingBond = FindRingBonds(m);
        var atomRings = new List<int[]>();
        var bondRings = new List<int[]>();

        // Ring systems: connected components of the ring-bond subgraph.
        var systemOf = new int[m.AtomCount];
        Array.Fill(systemOf, -1);
        var systems = 0;
        for (var start = 0; start < m.AtomCount; start++)
        {
            if (systemOf[start] >= 0 || !HasRingBond(m, start, isRingBond)) continue;
            var atoms = new List<int>();
            var bonds = new List<int>();
            var stack = new Stack<int>();
            systemOf[start] = systems;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var a = stack.Pop();
                atoms.Add(a);
                foreach (var b in m.BondsOf(a))
                {
                    if (!isRingBond[b]) continue;
                    var o = m.Bonds[b].Other(a);
                    if (m.Bonds[b].Begin == a) bonds.Add(b); // each bond once, from its Begin atom
                    if (systemOf[o] < 0) { systemOf[o] = systems; stack.Push(o); }
                }
            }
            new RingSystemSolver(m, atoms, bonds, isRingBond).Solve(atomRings, bondRings);
            systems++;
        }
        return new RingInfo(atomRings, bondRings, m.AtomCount, m.BondCount);
    }

    /// <summary>Bonds minus atoms plus components (union-find): 0 means the molecule is a forest.</summary>
    private static int CycleRank(Molecule m)
    {
        var parent = new int[m.AtomCount];
        for (var i = 0; i < parent.Length; i++) parent[i] = i;
        var rank = 0;
        foreach (var b in m.Bonds)
        {
            var x = Root(parent, b.Begin);
            var y = Root(parent, b.End);
            if (x == y) rank++;
            else parent[x] = y;
        }
        return rank;

        static int Root(int[] p, int i)
        {
            while (p[i] != i) { p[i] = p[p[i]]; i = p[i]; }
            return i;
        }
    }

    private static bool HasRingBond(Molecule m, int atom, bool[] isRingBond)
    {
        foreach (var b in m.BondsOf(atom)) if (isRingBond[b]) return true;
        return false;
    }

    /// <summary>Bonds that lie on a cycle (not bridges), by an iterative low-link DFS.</summary>
    internal static bool[] FindRingBonds(Molecule m)
    {
        var n = m.AtomCount;
        var disc = new int[n];
        var low = new int[n];
        var parentBond = new int[n];
        var edgePos = new int[n];
        var ring = new bool[m.BondCount];
        Array.Fill(disc, -1);
        var time = 0;
        var stack = new Stack<int>();
        for (var root = 0; root < n; root++)
        {
            if (disc[root] >= 0) continue;
            disc[root] = low[root] = time++;
            parentBond[root] = -1;
            edgePos[root] = 0;
            stack.Push(root);
            while (stack.Count > 0)
            {
                var v = stack.Peek();
                var list = m.BondsOf(v);
                if (edgePos[v] < list.Count)
                {
                    var b = list[edgePos[v]++];
                    if (b == parentBond[v]) continue;
                    var w = m.Bonds[b].Other(v);
                    if (disc[w] < 0)
                    {
                        disc[w] = low[w] = time++;
                        parentBond[w] = b;
                        edgePos[w] = 0;
                        stack.Push(w);
                    }
                    else
                    {
                        low[v] = Math.Min(low[v], disc[w]);
                    }
                }
                else
                {
                    stack.Pop();
                    var pb = parentBond[v];
                    if (pb >= 0)
                    {
                        var p = m.Bonds[pb].Other(v);
                        low[p] = Math.Min(low[p], low[v]);
                    }
                }
            }
        }
        // A tree edge p-v is a bridge iff low[v] > disc[p]; every other edge lies on a cycle.
        for (var b = 0; b < m.BondCount; b++) ring[b] = true;
        for (var v = 0; v < n; v++)
        {
            var pb = parentBond[v];
            if (pb < 0) continue;
            var p = m.Bonds[pb].Other(v);
            if (low[v] > disc[p]) ring[pb] = false;
        }
        return ring;
    }

    internal const int MaxPaths = MaxPathsPerEdge;
}
