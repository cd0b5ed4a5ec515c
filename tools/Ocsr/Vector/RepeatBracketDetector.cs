using OpenCvSharp;
using Sieve.Ocsr.Labels;

using static Sieve.Ocsr.Vector.GraphQueries;

namespace Sieve.Ocsr.Vector;

/// <summary>A repeat unit: the graph nodes between a pair of repeat brackets, and the bracket's subscript.</summary>
internal sealed record DrawnRepeatUnit(IReadOnlyList<int> Nodes, string Subscript);

/// <summary>Repeat brackets with <c>n</c> (structural repeat units). A bracket is a short line across a bond, with
/// small hooks at its ends; thinning makes the crossing a four-way node whose bonds pair into two straight lines:
/// the bond running through, and two short halves that lead only to the hooks. The bracket's pieces leave the
/// graph, the bond is whole again, and two brackets enclose the atoms between them. The subscript is the small
/// label by a bracket's end (<c>n</c> when it could not be read).</summary>
internal static class RepeatBracketDetector
{
    private sealed record Crossing(int A, int B, List<int> BracketNodes);

    public static List<DrawnRepeatUnit> Find(BondGraph graph, List<DrawnLabel> labels, double bondLength)
    {
        var crossings = new List<Crossing>();
        for (var x = 0; x < graph.Nodes.Count; x++)
        {
            var at = Incident(graph, x);
            if (at.Count != 4 || at.Any(i => graph.Bonds[i].Order != 1)) continue;
            var ends = at.Select(i => Other(graph.Bonds[i], x)).ToList();
            foreach (var (p, q) in Pairings())
            {
                // A bracket only a few line widths long bends a little where thinning joins it to the bond.
                if (!Straight(graph, x, ends[p.Item1], ends[p.Item2], 25) || !Straight(graph, x, ends[q.Item1], ends[q.Item2], 25)) continue;
                Crossing? found = null;
                foreach (var (bond, bracket) in new[] { (p, q), (q, p) })
                {
                    int k1 = ends[bracket.Item1], k2 = ends[bracket.Item2];
                    var region = Region(graph, [k1, k2], x, bondLength);
                    if (region is null) continue;
                    found = new Crossing(ends[bond.Item1], ends[bond.Item2], [x, .. region]);
                    break;
                }
                if (found is null) continue;
                crossings.Add(found);
                break;
            }
        }
        // One bracket found and its partner missing: it may sit right by an atom label, the short bond half between
        // them taken into the label (read as its '-').
        if (crossings.Count == 1)
            for (var x = 0; x < graph.Nodes.Count && crossings.Count == 1; x++)
                if (BesideLabel(graph, labels, x, bondLength) is { } found) crossings.Add(found);
        if (crossings.Count < 2) return [];

        // The brackets leave; each crossed bond is whole again.
        var drop = crossings.SelectMany(c => c.BracketNodes).ToHashSet();
        graph.Bonds.RemoveAll(b => drop.Contains(b.A) || drop.Contains(b.B));
        foreach (var c in crossings) graph.Bonds.Add(new DrawnBond(Math.Min(c.A, c.B), Math.Max(c.A, c.B), 1));

        var result = new List<DrawnRepeatUnit>();
        var paired = new bool[crossings.Count];
        for (var i = 0; i < crossings.Count; i++)
            for (var j = i + 1; j < crossings.Count && !paired[i]; j++)
            {
                if (paired[j]) continue;
                var inside = Inside(graph, crossings[i], crossings[j]);
                if (inside is null) continue;
                paired[i] = paired[j] = true;
                result.Add(new DrawnRepeatUnit(inside, Subscript(graph, labels, crossings[i], crossings[j], bondLength)));
            }
        return result;
    }

    /// <summary>A bracket crossing at <paramref name="x"/> with three lines: the bracket and the bond half on one side,
    /// the other half gone into the atom label just beyond <paramref name="x"/> in line with it. The crossed bond then
    /// runs to a new node inside the label, and the label loses the '-' that half was read as.</summary>
    private static Crossing? BesideLabel(BondGraph graph, List<DrawnLabel> labels, int x, double bondLength)
    {
        var at = Incident(graph, x);
        if (at.Count != 3 || at.Any(i => graph.Bonds[i].Order != 1)) return null;
        var ends = at.Select(i => Other(graph.Bonds[i], x)).ToList();
        foreach (var (k1, k2, half) in new[] { (ends[0], ends[1], ends[2]), (ends[0], ends[2], ends[1]), (ends[1], ends[2], ends[0]) })
        {
            if (!Straight(graph, x, k1, k2, 25)) continue;
            var region = Region(graph, [k1, k2], x, bondLength);
            if (region is null) continue;
            var ahead = graph.Nodes[x] - graph.Nodes[half];
            ahead *= 1 / ahead.Length;
            for (var l = 0; l < labels.Count; l++)
            {
                var box = labels[l].Box;
                var centre = new Pt(box.X + box.Width / 2.0, box.Y + box.Height / 2.0);
                var toward = centre - graph.Nodes[x];
                if (BoxDistance(box, graph.Nodes[x]) > bondLength * 0.3 || toward.Dot(ahead) < toward.Length * Math.Cos(35 * Math.PI / 180)) continue;
                var text = labels[l].Text;
                if (centre.X > graph.Nodes[x].X && text.StartsWith('-')) text = text[1..];
                else if (centre.X < graph.Nodes[x].X && text.EndsWith('-')) text = text[..^1];
                labels[l] = labels[l] with { Text = text };
                graph.Nodes.Add(centre);
                return new Crossing(half, graph.Nodes.Count - 1, [x, .. region]);
            }
        }
        return null;
    }

    /// <summary>The bracket's own pieces from its halves' ends, not through the crossing: a few short lines that
    /// meet nothing else (null when they lead on into the structure or a label).</summary>
    private static List<int>? Region(BondGraph graph, List<int> starts, int crossing, double bondLength)
    {
        var seen = new HashSet<int>(starts) { crossing };
        var queue = new Queue<int>(starts);
        var nodes = new List<int>(starts);
        var bonds = 0;
        while (queue.Count > 0)
        {
            var n = queue.Dequeue();
            foreach (var b in graph.Bonds)
            {
                if (b.A != n && b.B != n) continue;
                if (b.Order != 1 || Geometry.Distance(graph.Nodes[b.A], graph.Nodes[b.B]) > bondLength * 0.6) return null;
                bonds++;
                var m = Other(b, n);
                if (seen.Add(m)) { nodes.Add(m); queue.Enqueue(m); }
            }
        }
        // Each half is counted from both ends' walks; a bracket is two halves and at most two hooks.
        return bonds / 2 <= 6 && nodes.Count <= 6 ? nodes : null;
    }

    /// <summary>The nodes between two crossed bonds: from an end of the first, not over either bond, reaching an
    /// end of the second.</summary>
    private static List<int>? Inside(BondGraph graph, Crossing first, Crossing second)
    {
        bool Crossed(DrawnBond b) =>
            (b.A == Math.Min(first.A, first.B) && b.B == Math.Max(first.A, first.B)) ||
            (b.A == Math.Min(second.A, second.B) && b.B == Math.Max(second.A, second.B));
        foreach (var start in new[] { first.A, first.B })
        {
            var seen = new HashSet<int> { start };
            var queue = new Queue<int>([start]);
            while (queue.Count > 0)
            {
                var n = queue.Dequeue();
                foreach (var b in graph.Bonds)
                {
                    if ((b.A != n && b.B != n) || Crossed(b)) continue;
                    var m = Other(b, n);
                    if (seen.Add(m)) queue.Enqueue(m);
                }
            }
            if (seen.Contains(second.A) != seen.Contains(second.B)) return [.. seen];
        }
        return null;
    }

    /// <summary>A short label beside either bracket (taken out of the labels: it is no atom), else "n".</summary>
    private static string Subscript(BondGraph graph, List<DrawnLabel> labels, Crossing first, Crossing second, double bondLength)
    {
        var ends = first.BracketNodes.Concat(second.BracketNodes).Select(n => graph.Nodes[n]).ToList();
        // The subscript is set smaller than atom labels and touches the bracket's end; an atom label beside a bracket
        // (the O a crossed bond leads to) sits further off and stands as tall as the drawing's other labels.
        var heights = labels.Select(l => l.Box.Height).Order().ToList();
        var labelHeight = heights.Count > 0 ? heights[heights.Count / 2] : bondLength;
        var near = labels.Where(l => l.Text.Length <= 2 && l.Box.Height < bondLength * 0.4
            && (heights.Count < 2 || l.Box.Height < labelHeight * 0.7)
            && ends.Any(p => BoxDistance(l.Box, p) < bondLength * 0.2)).ToList();
        foreach (var l in near) labels.Remove(l);
        var text = near.FirstOrDefault()?.Text;
        return text is { Length: > 0 } && text.All(char.IsAsciiLetterLower) ? text : "n";
    }




}
