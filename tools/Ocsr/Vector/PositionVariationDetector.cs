using OpenCvSharp;

using static Sieve.Ocsr.Vector.GraphQueries;

namespace Sieve.Ocsr.Vector;

/// <summary>A substituent bond drawn into a ring (Markush position variation): the node of the substituent's atom
/// outside, the ring's nodes, and the ring node nearest to where the line crossed the ring.</summary>
internal sealed record DrawnPositionVariation(int Outer, IReadOnlyList<int> Ring, int Nearest);

/// <summary>Position-variation bonds: a line from inside a ring out across one ring bond. Thinning makes the
/// crossing a four-way node; when its bonds pair into two straight lines, one of them a ring bond and the other
/// ending inside that ring, the node is a crossing, not an atom: the ring bond is whole again and the line is
/// recorded as a bond from the substituent to any atom of the ring.</summary>
internal static class PositionVariationDetector
{
    public static List<DrawnPositionVariation> Find(BondGraph graph, IReadOnlyList<Rect> labelBoxes, double bondLength)
    {
        var result = new List<DrawnPositionVariation>();
        for (var x = 0; x < graph.Nodes.Count; x++)
        {
            var at = Incident(graph, x);
            if (at.Count != 4 || at.Any(i => graph.Bonds[i].Order != 1)) continue;
            var centre = graph.Nodes[x];
            if (labelBoxes.Any(b => b.Contains((int)centre.X, (int)centre.Y))) continue;
            var ends = at.Select(i => Other(graph.Bonds[i], x)).ToList();
            foreach (var (p, q) in Pairings())
            {
                if (!Straight(graph, x, ends[p.Item1], ends[p.Item2]) || !Straight(graph, x, ends[q.Item1], ends[q.Item2])) continue;
                foreach (var (ringPair, line) in new[] { (p, q), (q, p) })
                {
                    int r1 = ends[ringPair.Item1], r2 = ends[ringPair.Item2];
                    foreach (var (inner, outer) in new[] { (ends[line.Item1], ends[line.Item2]), (ends[line.Item2], ends[line.Item1]) })
                    {
                        if (Incident(graph, inner).Count != 1) continue;
                        var ring = RingPath(graph, r1, r2, x);
                        if (ring is null || !Inside(ring.Select(n => graph.Nodes[n]).ToList(), graph.Nodes[inner])) continue;
                        // The crossing goes: the ring bond is whole, the line leaves the graph as a variation.
                        foreach (var i in at.OrderDescending()) graph.Bonds.RemoveAt(i);
                        graph.Bonds.Add(new DrawnBond(Math.Min(r1, r2), Math.Max(r1, r2), 1));
                        var nearest = Geometry.Distance(graph.Nodes[r1], centre) <= Geometry.Distance(graph.Nodes[r2], centre) ? r1 : r2;
                        result.Add(new DrawnPositionVariation(outer, ring, nearest));
                        goto next;
                    }
                }
            }
        next:;
        }
        return result;
    }





    /// <summary>The shortest path from <paramref name="from"/> to <paramref name="to"/> that avoids node
    /// <paramref name="avoid"/>, as the ring it closes with the bond between them (4 to 8 atoms); null when none.</summary>
    private static List<int>? RingPath(BondGraph g, int from, int to, int avoid)
    {
        var previous = new Dictionary<int, int> { [from] = -1 };
        var queue = new Queue<int>([from]);
        while (queue.Count > 0)
        {
            var n = queue.Dequeue();
            if (n == to) break;
            foreach (var b in g.Bonds)
            {
                if (b.A != n && b.B != n) continue;
                var m = Other(b, n);
                if (m == avoid || previous.ContainsKey(m)) continue;
                previous[m] = n;
                queue.Enqueue(m);
            }
        }
        if (!previous.ContainsKey(to)) return null;
        var path = new List<int>();
        for (var n = to; n >= 0; n = previous[n]) path.Add(n);
        return path.Count is >= 4 and <= 8 ? path : null;
    }

    /// <summary>Even–odd rule.</summary>
    private static bool Inside(List<Pt> polygon, Pt p)
    {
        var inside = false;
        for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
            if ((polygon[i].Y > p.Y) != (polygon[j].Y > p.Y)
                && p.X < (polygon[j].X - polygon[i].X) * (p.Y - polygon[i].Y) / (polygon[j].Y - polygon[i].Y) + polygon[i].X)
                inside = !inside;
        return inside;
    }
}
