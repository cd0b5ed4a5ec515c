using static Sieve.Ocsr.Vector.GraphQueries;

namespace Sieve.Ocsr.Vector;

/// <summary>Bonds drawn across each other (a bridged ring system laid flat, as in camphor, where a bridge's bond
/// passes over a ring bond). Thinning makes the crossing a four-way node; when its bonds pair into two straight
/// lines each about one bond long in all, the node is no atom and each line is one bond again. A carbon with four
/// bonds drawn as a cross has four whole bonds, each line twice a bond. Runs after the position-variation and
/// repeat-bracket detectors, whose lines also cross bonds.</summary>
internal static class BondCrossings
{
    public static void Resolve(BondGraph graph, double bondLength)
    {
        for (var x = 0; x < graph.Nodes.Count; x++)
        {
            var at = Incident(graph, x);
            if (at.Count != 4 || at.Any(i => graph.Bonds[i].Style != BondStyle.Plain)) continue;
            var ends = at.Select(i => Other(graph.Bonds[i], x)).ToList();
            foreach (var ((a, b), (c, d)) in Pairings())
            {
                if (!Line(graph, x, at, ends, a, b, bondLength) || !Line(graph, x, at, ends, c, d, bondLength)) continue;
                var joined = new[] { (ends[a], ends[b], graph.Bonds[at[a]].Order), (ends[c], ends[d], graph.Bonds[at[c]].Order) };
                foreach (var i in at.OrderDescending()) graph.Bonds.RemoveAt(i);
                foreach (var (p, q, order) in joined)
                    if (!graph.Bonds.Any(o => (o.A == p && o.B == q) || (o.A == q && o.B == p)))
                        graph.Bonds.Add(new DrawnBond(Math.Min(p, q), Math.Max(p, q), order));
                // The node stays, bondless (an atom of nothing, dropped with the lone atoms): the detectors' results
                // hold node numbers.
                break;
            }
        }
    }

    /// <summary>Bonds a and b through x are the two halves of one crossed bond: straight, of one order, together
    /// about a bond long, neither a mere stub.</summary>
    private static bool Line(BondGraph graph, int x, List<int> at, List<int> ends, int a, int b, double bondLength)
    {
        if (graph.Bonds[at[a]].Order != graph.Bonds[at[b]].Order || !Straight(graph, x, ends[a], ends[b])) return false;
        double first = Geometry.Distance(graph.Nodes[x], graph.Nodes[ends[a]]), second = Geometry.Distance(graph.Nodes[x], graph.Nodes[ends[b]]);
        return Math.Min(first, second) > bondLength * 0.15 && first + second > bondLength * 0.6 && first + second < bondLength * 1.35;
    }
}
