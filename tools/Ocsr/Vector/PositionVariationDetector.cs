using OpenCvSharp;

using static Sieve.Ocsr.Vector.GraphQueries;

namespace Sieve.Ocsr.Vector;

/// <summary>A substituent bond drawn into a ring (Markush position variation): the node of the substituent's atom
/// outside, the ring's nodes, and the ring node nearest to where the line crossed the ring.</summary>
internal sealed record DrawnPositionVariation(int Outer, IReadOnlyList<int> Ring, int Nearest);

/// <summary>Position-variation bonds: a line from inside a ring out across one ring bond. Thinning makes the
/// crossing a four-way node; when its bonds pair into two straight lines, one of them a ring bond (single or
/// double) and the other ending inside that ring, the node is a crossing, not an atom: the ring bond is whole
/// again and the line is recorded as a bond from the substituent to any atom of the ring. A line across a double
/// bond may leave no node at all (see <see cref="UnnodedCrossings"/>).</summary>
internal static class PositionVariationDetector
{
    public static List<DrawnPositionVariation> Find(BondGraph graph, IReadOnlyList<Rect> labelBoxes, double bondLength)
    {
        var result = new List<DrawnPositionVariation>();
        for (var x = 0; x < graph.Nodes.Count; x++)
        {
            var at = Incident(graph, x);
            if (at.Count != 4) continue;
            var centre = graph.Nodes[x];
            if (labelBoxes.Any(b => b.Contains((int)centre.X, (int)centre.Y))) continue;
            var ends = at.Select(i => Other(graph.Bonds[i], x)).ToList();
            foreach (var (p, q) in Pairings())
            {
                // A double bond's kept line sits off its centre line, so its halves meet at a slight angle.
                if (!Straight(graph, x, ends[p.Item1], ends[p.Item2], 20) || !Straight(graph, x, ends[q.Item1], ends[q.Item2], 20)) continue;
                foreach (var (ringPair, line) in new[] { (p, q), (q, p) })
                {
                    int r1 = ends[ringPair.Item1], r2 = ends[ringPair.Item2];
                    // The line is single; the ring bond's halves keep the order it was drawn with.
                    var order = graph.Bonds[at[ringPair.Item1]].Order;
                    if (graph.Bonds[at[ringPair.Item2]].Order != order || graph.Bonds[at[line.Item1]].Order != 1 || graph.Bonds[at[line.Item2]].Order != 1) continue;
                    foreach (var (inner, outer) in new[] { (ends[line.Item1], ends[line.Item2]), (ends[line.Item2], ends[line.Item1]) })
                    {
                        if (Incident(graph, inner).Count != 1) continue;
                        var ring = RingPath(graph, r1, r2, x);
                        if (ring is null || !Inside(ring.Select(n => graph.Nodes[n]).ToList(), graph.Nodes[inner])) continue;
                        // The crossing goes: the ring bond is whole, the line leaves the graph as a variation.
                        foreach (var i in at.OrderDescending()) graph.Bonds.RemoveAt(i);
                        graph.Bonds.Add(new DrawnBond(Math.Min(r1, r2), Math.Max(r1, r2), order));
                        var nearest = Geometry.Distance(graph.Nodes[r1], centre) <= Geometry.Distance(graph.Nodes[r2], centre) ? r1 : r2;
                        result.Add(new DrawnPositionVariation(outer, ring, nearest));
                        goto next;
                    }
                }
            }
        next:;
        }
        result.AddRange(UnnodedCrossings(graph, labelBoxes));
        return result;
    }

    /// <summary>A line across a double bond: the parallel-line grouping keeps the ring bond whole and leaves no
    /// node where the line crosses it. Here the line is a straight chain of single bonds from a free end inside a
    /// ring to the first node that is not a plain bend-free continuation, and it cuts a bond of that ring.</summary>
    private static List<DrawnPositionVariation> UnnodedCrossings(BondGraph graph, IReadOnlyList<Rect> labelBoxes)
    {
        var result = new List<DrawnPositionVariation>();
        for (var inner = 0; inner < graph.Nodes.Count; inner++)
        {
            var first = Incident(graph, inner);
            if (first.Count != 1 || graph.Bonds[first[0]].Order != 1) continue;
            if (labelBoxes.Any(b => BoxDistance(b, graph.Nodes[inner]) < 2)) continue;
            // Follow the straight chain outward.
            var chain = new List<int> { inner };
            var bonds = new List<int> { first[0] };
            var at = Other(graph.Bonds[first[0]], inner);
            while (true)
            {
                chain.Add(at);
                var next = Incident(graph, at).Where(i => !bonds.Contains(i)).ToList();
                if (next.Count != 1 || graph.Bonds[next[0]].Order != 1) break;
                var beyond = Other(graph.Bonds[next[0]], at);
                if (!Straight(graph, at, chain[^2], beyond)) break;
                bonds.Add(next[0]);
                at = beyond;
            }
            var outer = chain[^1];
            var line = new Segment(graph.Nodes[inner], graph.Nodes[outer]);
            for (var k = 0; k < graph.Bonds.Count; k++)
            {
                var b = graph.Bonds[k];
                if (bonds.Contains(k) || chain.Contains(b.A) || chain.Contains(b.B)) continue;
                if (!Cross(line, new Segment(graph.Nodes[b.A], graph.Nodes[b.B]))) continue;
                var ring = RingPath(graph, b.A, b.B, -1, direct: false);
                if (ring is null || !Inside(ring.Select(n => graph.Nodes[n]).ToList(), graph.Nodes[inner])) continue;
                foreach (var i in bonds.OrderDescending()) graph.Bonds.RemoveAt(i);
                var cut = Geometry.Distance(graph.Nodes[b.A], line.A) <= Geometry.Distance(graph.Nodes[b.B], line.A) ? b.A : b.B;
                result.Add(new DrawnPositionVariation(outer, ring, cut));
                break;
            }
        }
        return result;
    }

    /// <summary>The two segments cross (each one's ends on either side of the other).</summary>
    private static bool Cross(Segment s, Segment t)
    {
        static double Side(Segment a, Pt p) => (a.B - a.A).Cross(p - a.A);
        return Side(s, t.A) * Side(s, t.B) < 0 && Side(t, s.A) * Side(t, s.B) < 0;
    }

    /// <summary>The shortest path from <paramref name="from"/> to <paramref name="to"/> that avoids node
    /// <paramref name="avoid"/> (and, unless <paramref name="direct"/>, the bond between them), as the ring it closes with the bond between them (4 to 8 atoms); null when none.</summary>
    private static List<int>? RingPath(BondGraph g, int from, int to, int avoid, bool direct = true)
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
                if (!direct && ((n == from && m == to) || (n == to && m == from))) continue;
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
