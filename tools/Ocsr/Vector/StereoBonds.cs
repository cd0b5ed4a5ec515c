using OpenCvSharp;

using static Sieve.Ocsr.Vector.GraphQueries;

namespace Sieve.Ocsr.Vector;

/// <summary>Finds the graph bonds that hashes and wavy lines became and gives them their style, narrow end
/// first. A hash end left hanging (its first stroke, a dot, was lost, or its last stops short of a junction) is
/// joined to the atom it points at.</summary>
internal static class StereoBonds
{
    public static void Mark(BondGraph graph, IReadOnlyList<Segment> lines, BondStyle style, double bondLength, IReadOnlyList<Rect> labelBoxes)
    {
        foreach (var line in lines)
        {
            var best = -1;
            var bestCost = bondLength * 0.6;
            var flipped = false;
            for (var i = 0; i < graph.Bonds.Count; i++)
            {
                var b = graph.Bonds[i];
                Pt p = graph.Nodes[b.A], q = graph.Nodes[b.B];
                double straight = Geometry.Distance(p, line.A) + Geometry.Distance(q, line.B);
                double reverse = Geometry.Distance(q, line.A) + Geometry.Distance(p, line.B);
                if (Math.Min(straight, reverse) >= bestCost) continue;
                bestCost = Math.Min(straight, reverse);
                best = i;
                flipped = reverse < straight;
            }
            if (best < 0) continue;
            var bond = graph.Bonds[best];
            bond = flipped ? bond with { A = bond.B, B = bond.A, Style = style } : bond with { Style = style };
            graph.Bonds[best] = bond;
            if (style == BondStyle.Hash) JoinHangingEnds(graph, best, bondLength, labelBoxes);
        }
    }

    private static void JoinHangingEnds(BondGraph graph, int bondIndex, double bondLength, IReadOnlyList<Rect> labelBoxes)
    {
        foreach (var end in new[] { 0, 1 })
        {
            var bond = graph.Bonds[bondIndex];
            int node = end == 0 ? bond.A : bond.B, other = end == 0 ? bond.B : bond.A;
            if (graph.Bonds.Count(b => b.A == node || b.B == node) != 1) continue;
            var p = graph.Nodes[node];
            if (labelBoxes.Any(box => BoxDistance(box, p) < bondLength * 0.3)) continue;
            var outward = p - graph.Nodes[other];
            var target = -1;
            var nearest = bondLength * 0.35;
            for (var n = 0; n < graph.Nodes.Count; n++)
            {
                if (n == node || n == other || !graph.Bonds.Any(b => b.A == n || b.B == n)) continue;
                var d = Geometry.Distance(graph.Nodes[n], p);
                // Beyond the end or just short of it, roughly along the bond.
                if (d >= nearest || (graph.Nodes[n] - graph.Nodes[other]).Dot(outward) < outward.Dot(outward) * 0.5) continue;
                if (graph.Bonds.Any(b => (b.A == n && b.B == other) || (b.B == n && b.A == other))) continue;
                nearest = d;
                target = n;
            }
            if (target < 0) continue;
            graph.Bonds[bondIndex] = end == 0 ? bond with { A = target } : bond with { B = target };
        }
    }

}
