namespace Sieve.Ocsr.Vector;

/// <summary>A drawn bond between two graph nodes, with its order (1–3) from the parallel lines drawn. A wedge,
/// hash or wavy bond has its narrow end (the stereocentre) at <see cref="A"/>.</summary>
internal sealed record DrawnBond(int A, int B, int Order, BondStyle Style = BondStyle.Plain);

/// <summary>The skeleton of a drawing: nodes (bond ends, corners, junctions — implicit carbons until a label
/// claims them) and bonds between them.</summary>
internal sealed class BondGraph
{
    public List<Pt> Nodes { get; } = [];
    public List<DrawnBond> Bonds { get; } = [];

    /// <summary>Builds the graph from straight line pieces. <paramref name="bondLength"/> is the typical bond
    /// length and <paramref name="stroke"/> the line width, both in working pixels. <paramref name="singles"/>:
    /// lines that are one bond on their own whatever runs beside them (a hash's line, next to a bond it is
    /// almost parallel to).</summary>
    public static BondGraph Build(IReadOnlyList<Segment> segments, double bondLength, double stroke, IReadOnlyCollection<Segment>? singles = null)
    {
        var candidates = segments.Where(s => s.Length > Math.Max(stroke * 1.5, bondLength * 0.08)).ToList();
        var joinRadius = Math.Max(bondLength * 0.2, stroke * 1.6);
        SplitAtEndsOnThem(candidates, stroke, joinRadius);
        var crossed = CrossedDoubleBonds.FromLines(candidates, bondLength, stroke, joinRadius);
        var kept = MultipleBonds(candidates, bondLength, stroke, joinRadius, singles ?? []);
        var firstCrossed = kept.Count;
        kept.AddRange(crossed.Select(c => (c, 2)));

        var graph = new BondGraph();
        // Ends closer than the join radius are one node (junction pixels of a thinned line wander a little).
        var ends = kept.SelectMany(k => new[] { k.Segment.A, k.Segment.B }).ToList();
        var parent = Enumerable.Range(0, ends.Count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        for (var i = 0; i < ends.Count; i++)
            for (var j = i + 1; j < ends.Count; j++)
                if (Geometry.Distance(ends[i], ends[j]) < joinRadius) parent[Find(i)] = Find(j);
        var nodeOf = new Dictionary<int, int>();
        var sums = new List<(Pt Sum, int Count)>();
        for (var i = 0; i < ends.Count; i++)
        {
            var root = Find(i);
            if (!nodeOf.TryGetValue(root, out var n))
            {
                n = sums.Count;
                nodeOf[root] = n;
                sums.Add((new Pt(0, 0), 0));
            }
            sums[n] = (sums[n].Sum + ends[i], sums[n].Count + 1);
        }
        graph.Nodes.AddRange(sums.Select(s => s.Sum * (1.0 / s.Count)));
        var seen = new Dictionary<(int, int), int>();
        for (var k = 0; k < kept.Count; k++)
        {
            int a = nodeOf[Find(2 * k)], b = nodeOf[Find(2 * k + 1)];
            if (a == b) continue;
            var key = (Math.Min(a, b), Math.Max(a, b));
            if (seen.TryGetValue(key, out var existing))
            {
                if (kept[k].Order > graph.Bonds[existing].Order)
                    graph.Bonds[existing] = graph.Bonds[existing] with { Order = kept[k].Order };
                continue;
            }
            seen[key] = graph.Bonds.Count;
            graph.Bonds.Add(new DrawnBond(key.Item1, key.Item2, kept[k].Order, k >= firstCrossed ? BondStyle.Crossed : BondStyle.Plain));
        }
        graph.JoinSplitBonds(bondLength);
        graph.ContractCornerSplits(bondLength);
        CrossedDoubleBonds.Resolve(graph, bondLength);
        return graph;
    }

    /// <summary>A line that runs straight through an atom where another bond ends on it (the two collinear methyls
    /// of a tBu, a noisy junction the thinning smoothed over) is two bonds: it is split where that end touches it.
    /// Lines that only cross, with no end on each other, stay whole.</summary>
    private static void SplitAtEndsOnThem(List<Segment> segs, double stroke, double joinRadius)
    {
        var touch = stroke * 1.5;
        for (var round = 0; round < 64; round++)
        {
            var split = false;
            for (var j = 0; j < segs.Count && !split; j++)
                for (var i = 0; i < segs.Count && !split; i++)
                {
                    if (i == j || segs[i].AngleTo(segs[j]) < 30) continue;
                    foreach (var end in new[] { segs[i].A, segs[i].B })
                    {
                        var t = segs[j].Project(end);
                        if (t < joinRadius || t > segs[j].Length - joinRadius || segs[j].LineDistance(end) > touch) continue;
                        var foot = segs[j].A + segs[j].Direction * t;
                        var line = segs[j];
                        segs[j] = new Segment(line.A, foot);
                        segs.Add(new Segment(foot, line.B));
                        split = true;
                        break;
                    }
                }
            if (!split) return;
        }
    }

    /// <summary>A node between two single bonds in one straight line, one of them short or both together about one
    /// bond long, is a split of one bond
    /// (a junction the thinning left where a nearby line almost touched), not an atom. Long collinear pairs stay:
    /// they are the sp carbons beside a triple bond.</summary>
    private void JoinSplitBonds(double bondLength)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            for (var n = 0; n < Nodes.Count && !changed; n++)
            {
                var at = Bonds.Select((b, i) => (b, i)).Where(x => x.b.A == n || x.b.B == n).ToList();
                // Both single, or one of them the short stub of a multiple bond's outer line cut off at a corner.
                if (at.Count != 2 || at.Count(x => x.b.Order != 1) > 1) continue;
                int p = at[0].b.A == n ? at[0].b.B : at[0].b.A, q = at[1].b.A == n ? at[1].b.B : at[1].b.A;
                if (p == q) continue;
                Segment first = new(Nodes[p], Nodes[n]), second = new(Nodes[n], Nodes[q]);
                if (first.AngleTo(second) > 15 || first.Direction.Dot(second.Direction) < 0) continue;
                // One short half, or two halves that together are about one bond (a line cut near its middle).
                if (Math.Min(first.Length, second.Length) > bondLength * 0.5 && first.Length + second.Length > bondLength * 1.25) continue;
                if (Bonds.Any(b => (b.A == p && b.B == q) || (b.A == q && b.B == p))) continue;
                Bonds.RemoveAt(Math.Max(at[0].i, at[1].i));
                Bonds.RemoveAt(Math.Min(at[0].i, at[1].i));
                Bonds.Add(new DrawnBond(Math.Min(p, q), Math.Max(p, q), Math.Max(at[0].b.Order, at[1].b.Order)));
                changed = true;
            }
        }
    }

    /// <summary>A very short single bond between two nodes that both carry other bonds is one corner the thinning
    /// split in two (two lines meeting at a corner whose junction pixels drifted apart, often beside a double
    /// bond's inner line), not a bond: drawn bonds are all about one bond length. Its ends become one node at their
    /// middle. Ends with nothing else on them stay (bracket hooks, stubs), and so does a bond whose ends share a
    /// neighbour (contracting it would fold a ring bond away).</summary>
    private void ContractCornerSplits(double bondLength)
    {
        for (var k = 0; k < Bonds.Count; k++)
        {
            var bond = Bonds[k];
            if (bond.Order != 1 || bond.Style != BondStyle.Plain) continue;
            if (Geometry.Distance(Nodes[bond.A], Nodes[bond.B]) > bondLength * 0.3) continue;
            var nearA = GraphQueries.Incident(this, bond.A).Select(i => GraphQueries.Other(Bonds[i], bond.A)).Where(n => n != bond.B).ToList();
            var nearB = GraphQueries.Incident(this, bond.B).Select(i => GraphQueries.Other(Bonds[i], bond.B)).Where(n => n != bond.A).ToList();
            if (nearA.Count == 0 || nearB.Count == 0 || nearA.Intersect(nearB).Any() || nearA.Count + nearB.Count > 4) continue;
            Nodes[bond.A] = (Nodes[bond.A] + Nodes[bond.B]) * 0.5;
            Bonds.RemoveAt(k);
            for (var i = 0; i < Bonds.Count; i++)
                if (Bonds[i].A == bond.B || Bonds[i].B == bond.B)
                    // Re-pointed in place, so a stereo bond's narrow end stays its A.
                    Bonds[i] = Bonds[i].A == bond.B ? Bonds[i] with { A = bond.A } : Bonds[i] with { B = bond.A };
            RemoveNode(bond.B);
            k = -1;
        }
    }

    /// <summary>Drops a node no bond uses any more, renumbering the bonds of the nodes after it.</summary>
    internal void RemoveNode(int node)
    {
        Nodes.RemoveAt(node);
        for (var i = 0; i < Bonds.Count; i++)
        {
            var b = Bonds[i];
            Bonds[i] = b with { A = b.A > node ? b.A - 1 : b.A, B = b.B > node ? b.B - 1 : b.B };
        }
    }

    /// <summary>Groups lines drawn side by side (parallel, close, overlapping along their length) into one bond
    /// whose order is the number of lines. The line that meets other bonds at its ends stands for the bond; the
    /// others are dropped. Two free lines of equal length (a symmetric double bond) become their mid-line.</summary>
    private static List<(Segment Segment, int Order)> MultipleBonds(List<Segment> segs, double bondLength, double stroke, double joinRadius,
        IReadOnlyCollection<Segment> singles)
    {
        var partners = segs.Select(_ => new List<int>()).ToList();
        for (var i = 0; i < segs.Count; i++)
            for (var j = i + 1; j < segs.Count; j++)
                if (!singles.Contains(segs[i]) && !singles.Contains(segs[j]) && SideBySide(segs[i], segs[j], bondLength, stroke))
                {
                    partners[i].Add(j);
                    partners[j].Add(i);
                }

        int Connections(int i)
        {
            var n = 0;
            foreach (var end in new[] { segs[i].A, segs[i].B })
                for (var k = 0; k < segs.Count; k++)
                    if (k != i && !partners[i].Contains(k)
                        && (Geometry.Distance(end, segs[k].A) < joinRadius || Geometry.Distance(end, segs[k].B) < joinRadius))
                    {
                        n++;
                        break;
                    }
            return n;
        }

        var result = new List<(Segment, int)>();
        var done = new bool[segs.Count];
        for (var i = 0; i < segs.Count; i++)
        {
            if (done[i]) continue;
            if (partners[i].Count == 0)
            {
                result.Add((segs[i], 1));
                continue;
            }
            // The group: this line and every line side by side with it, transitively (three for a triple bond).
            var group = new List<int> { i };
            for (var g = 0; g < group.Count; g++)
                foreach (var p in partners[group[g]])
                    if (!group.Contains(p)) group.Add(p);
            foreach (var g in group) done[g] = true;
            // Pieces of one line (an outer line the thinning cut in two) lie on one track; the order is the number
            // of tracks, not of pieces.
            var tracks = Tracks(group, segs, stroke);
            if (UnevenThirdTrack(group, tracks, segs) is { } apart)
            {
                // A line beside a double bond, further off than its spacing, is a bond of its own lying nearly
                // parallel (a methyl crossing past a C=O in a flattened bridged ring), not a triple bond's third.
                foreach (var g in tracks[apart]) result.Add((segs[g], 1));
                group.RemoveAll(tracks[apart].Contains);
                tracks.RemoveAt(apart);
            }
            var order = Math.Min(3, tracks.Count);
            var ranked = group.OrderByDescending(Connections).ThenByDescending(g => segs[g].Length).ToList();
            var best = Joined(tracks.First(t => t.Contains(ranked[0])), segs);
            if (group.Count == 2 && tracks.Count == 2 && Connections(ranked[0]) == Connections(ranked[1])
                && Math.Abs(segs[ranked[0]].Length - segs[ranked[1]].Length) < 0.15 * best.Length)
                best = MidLine(segs[ranked[0]], segs[ranked[1]]);
            else if (tracks.Count == 3)
                best = Joined(tracks[1], segs);   // the middle line (tracks are ordered across the bond)
            result.AddRange(SplitCollinearSingle(best, order, tracks.Where(t => !t.Contains(ranked[0])).SelectMany(t => t).Select(t => segs[t]).ToList(), bondLength));
        }
        return result;
    }

    /// <summary>At an sp carbon the single bond runs on in line with a triple (or cumulated double) bond, so the
    /// thinned middle line is both bonds at once. The part beyond the side lines' ends is a single bond of its own,
    /// meeting the multiple bond where the side lines stop.</summary>
    private static IEnumerable<(Segment, int)> SplitCollinearSingle(Segment best, int order, List<Segment> sides, double bondLength)
    {
        if (order == 1 || sides.Count == 0)
            return [(best, order)];
        var projections = sides.SelectMany(s => new[] { best.Project(s.A), best.Project(s.B) }).ToList();
        double from = projections.Min(), to = projections.Max();
        var margin = bondLength * 0.35;
        var pieces = new List<(Segment, int)>();
        var start = from > margin ? best.A + best.Direction * from : best.A;
        var end = best.Length - to > margin ? best.A + best.Direction * to : best.B;
        if (start != best.A) pieces.Add((new Segment(best.A, start), 1));
        pieces.Add((new Segment(start, end), order));
        if (end != best.B) pieces.Add((new Segment(end, best.B), 1));
        return pieces;
    }

    /// <summary>The group's lines clustered by their offset across the bond direction: one cluster per drawn line.</summary>
    private static List<List<int>> Tracks(List<int> group, List<Segment> segs, double stroke)
    {
        var axis = segs[group.MaxBy(g => segs[g].Length)];
        var normal = new Pt(-axis.Direction.Y, axis.Direction.X);
        var tracks = new List<(double Offset, List<int> Members)>();
        foreach (var g in group.OrderBy(g => normal.Dot(segs[g].Mid - axis.A)))
        {
            var offset = normal.Dot(segs[g].Mid - axis.A);
            if (tracks.Count > 0 && offset - tracks[^1].Offset < stroke * 1.2) tracks[^1].Members.Add(g);
            else tracks.Add((offset, [g]));
        }
        return tracks.Select(t => t.Members).ToList();
    }

    /// <summary>Of three tracks, the outer one whose gap to the middle is well over the other gap and that runs
    /// beside the middle line for only part of its length (a triple bond's lines are evenly spaced, though a wedge
    /// meeting one can fan them, and run side by side all along); null when there is none.</summary>
    private static int? UnevenThirdTrack(List<int> group, List<List<int>> tracks, List<Segment> segs)
    {
        if (tracks.Count != 3) return null;
        var axis = segs[group.MaxBy(g => segs[g].Length)];
        var normal = new Pt(-axis.Direction.Y, axis.Direction.X);
        var offsets = tracks.Select(t => t.Average(g => normal.Dot(segs[g].Mid - axis.A))).ToList();
        double first = offsets[1] - offsets[0], second = offsets[2] - offsets[1];
        int? outer = first > 1.4 * second ? 0 : second > 1.4 * first ? 2 : null;
        if (outer is not { } o) return null;
        var middle = Joined(tracks[1], segs);
        var line = Joined(tracks[o], segs);
        double p1 = middle.Project(line.A), p2 = middle.Project(line.B);
        var overlap = Math.Min(middle.Length, Math.Max(p1, p2)) - Math.Max(0, Math.Min(p1, p2));
        return overlap < 0.9 * line.Length ? o : null;
    }

    /// <summary>One segment over all pieces of a track: from the first end to the last along the track.</summary>
    private static Segment Joined(List<int> track, List<Segment> segs)
    {
        if (track.Count == 1) return segs[track[0]];
        var axis = segs[track.MaxBy(t => segs[t].Length)];
        var ends = track.SelectMany(t => new[] { segs[t].A, segs[t].B }).ToList();
        return new Segment(ends.MinBy(axis.Project), ends.MaxBy(axis.Project));
    }

    private static bool SideBySide(Segment a, Segment b, double bondLength, double stroke)
    {
        if (a.AngleTo(b) > 12) return false;
        var (longer, shorter) = a.Length >= b.Length ? (a, b) : (b, a);
        // A tick a few line widths long beside a bond is a repeat bracket's hook (hooks run parallel to the bond the
        // bracket crosses), not a second line of it.
        if (shorter.Length < stroke * 3) return false;
        var offset = longer.LineDistance(shorter.Mid);
        if (offset < stroke * 1.2 || offset > bondLength * 0.4) return false;
        double p1 = longer.Project(shorter.A), p2 = longer.Project(shorter.B);
        var overlap = Math.Min(longer.Length, Math.Max(p1, p2)) - Math.Max(0, Math.Min(p1, p2));
        // A multiple bond's shorter line stays about within the longer's ends (a few line widths past one where the
        // longer was cut short at a corner); one running well past an end is another bond lying nearly parallel (a
        // methyl crossing past a wedge in a flattened bridged ring).
        var beyond = Math.Max(-Math.Min(p1, p2), Math.Max(p1, p2) - longer.Length);
        return overlap > shorter.Length * 0.5 && beyond < Math.Max(bondLength * 0.15, stroke * 4);
    }

    private static Segment MidLine(Segment a, Segment b)
    {
        // Pair the ends that lie on the same side.
        if (a.Direction.Dot(b.Direction) < 0) b = new Segment(b.B, b.A);
        return new Segment((a.A + b.A) * 0.5, (a.B + b.B) * 0.5);
    }
}
