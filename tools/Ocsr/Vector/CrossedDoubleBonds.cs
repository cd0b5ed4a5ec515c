using static Sieve.Ocsr.Vector.GraphQueries;

namespace Sieve.Ocsr.Vector;

/// <summary>Crossed double bonds: a double bond whose cis/trans is unknown is drawn as two lines that cross in an
/// X along the bond, each from one atom to beside the other. Thinned, the X is two narrow forks meeting in the
/// middle — at one four-way node or at the ends of a short bond where the lines overlap — and would read as four
/// bonds to invented atoms. Each fork becomes the atom it starts at (the arm that meets other bonds, else the
/// middle of the two free arm ends, beside a label), and the two atoms one double bond with no configuration.</summary>
internal static class CrossedDoubleBonds
{
    /// <summary>The widest angle between a fork's two arms (the lines cross at 10–25°; sp3 angles are 90° and more,
    /// a cyclopropane's 60°).</summary>
    private const double ForkDegrees = 40;

    /// <summary>Crossings found among the thinned lines, before their ends are joined into nodes: beside a label
    /// the two free ends of a fork lie closer than the join radius and would fold it into one line. Each X found is
    /// taken out of <paramref name="segs"/> and returned as the line between its two atoms.</summary>
    public static List<Segment> FromLines(List<Segment> segs, double bondLength, double stroke, double joinRadius)
    {
        var found = new List<Segment>();
        var meet = Math.Max(2.0, stroke);
        for (var round = 0; round < 16; round++)
        {
            var hit = false;
            for (var s = 0; s < segs.Count && !hit; s++)
            {
                // A stem: a short line with a fork at each end.
                var stem = segs[s];
                if (stem.Length > bondLength * 0.5) continue;
                if (LineFork(segs, s, stem.A, meet) is not { } left || LineFork(segs, s, stem.B, meet) is not { } right) continue;
                if (left.Direction.Dot(right.Direction) > -Math.Cos(30 * Math.PI / 180)) continue;
                if (left.Direction.Dot(stem.A - stem.B) < 0) continue;
                var own = left.Arms.Concat(right.Arms).Append(s).ToHashSet();
                var x = LineAtom(segs, left, own, joinRadius);
                var y = LineAtom(segs, right, own, joinRadius);
                var length = Geometry.Distance(x, y);
                if (length < bondLength * 0.6 || length > bondLength * 1.6) continue;
                foreach (var i in left.Arms.Concat(right.Arms).Append(s).OrderDescending()) segs.RemoveAt(i);
                found.Add(new Segment(x, y));
                hit = true;
            }
            if (!hit) break;
        }
        return found;
    }

    private sealed record LineForkAt(Pt Point, List<int> Arms, List<Pt> Ends, Pt Direction);

    /// <summary>The two other lines that start at <paramref name="point"/> (an end of line <paramref name="stem"/>)
    /// when exactly two do and they open at a narrow angle; null otherwise.</summary>
    private static LineForkAt? LineFork(List<Segment> segs, int stem, Pt point, double meet)
    {
        var arms = new List<int>();
        var ends = new List<Pt>();
        for (var i = 0; i < segs.Count; i++)
        {
            if (i == stem) continue;
            if (Geometry.Distance(segs[i].A, point) < meet) { arms.Add(i); ends.Add(segs[i].B); }
            else if (Geometry.Distance(segs[i].B, point) < meet) { arms.Add(i); ends.Add(segs[i].A); }
        }
        if (arms.Count != 2 || NarrowFork(ends[0] - point, ends[1] - point) is not { } direction) return null;
        return new LineForkAt(point, arms, ends, direction);
    }

    /// <summary>Where the fork's atom is: the one arm end other lines meet, else the middle of the two ends.</summary>
    private static Pt LineAtom(List<Segment> segs, LineForkAt fork, HashSet<int> own, double joinRadius)
    {
        var met = fork.Ends.Where(e => Enumerable.Range(0, segs.Count).Any(i => !own.Contains(i)
            && (Geometry.Distance(segs[i].A, e) < joinRadius || Geometry.Distance(segs[i].B, e) < joinRadius))).ToList();
        return met.Count == 1 ? met[0] : (fork.Ends[0] + fork.Ends[1]) * 0.5;
    }

    /// <summary>Crossings left in the built graph (their forks' ends far enough apart to stay nodes of their own)
    /// become double bonds of unknown geometry.</summary>
    public static void Resolve(BondGraph graph, double bondLength)
    {
        for (var round = 0; round < 16; round++)
            if (!ResolveOne(graph, bondLength)) return;
    }

    private static bool ResolveOne(BondGraph graph, double bondLength)
    {
        for (var n = 0; n < graph.Nodes.Count; n++)
        {
            var at = Incident(graph, n).Select(i => (Bond: i, End: Other(graph.Bonds[i], n))).ToList();
            if (at.Any(x => graph.Bonds[x.Bond] is not { Order: 1, Style: BondStyle.Plain })) continue;
            // The lines cross at one point: a four-way node of two forks.
            if (at.Count == 4)
                foreach (var ((a, b), (c, d)) in Pairings())
                    if (TryReplace(graph, graph.Nodes[n], [at[a], at[b]], [at[c], at[d]], [], bondLength)) return true;
            // The lines overlap a little way: two three-way nodes, each a fork, joined by a short stem.
            if (at.Count != 3) continue;
            foreach (var stem in at)
            {
                var m = stem.End;
                if (m < n || Geometry.Distance(graph.Nodes[n], graph.Nodes[m]) > bondLength * 0.5) continue;
                var atM = Incident(graph, m).Where(i => i != stem.Bond).Select(i => (Bond: i, End: Other(graph.Bonds[i], m))).ToList();
                if (atM.Count != 2 || atM.Any(x => graph.Bonds[x.Bond] is not { Order: 1, Style: BondStyle.Plain })) continue;
                var centre = (graph.Nodes[n] + graph.Nodes[m]) * 0.5;
                if (TryReplace(graph, centre, [.. at.Where(x => x != stem)], atM, [stem.Bond], bondLength)) return true;
            }
            // One fork only: the other end's lines joined their atom before they parted (the atom's own junction
            // took them in), so the stem runs straight to that atom.
            foreach (var stem in at)
                if (TryHalf(graph, n, [.. at.Where(x => x != stem)], stem, bondLength)) return true;
        }
        return false;
    }

    private static bool TryReplace(BondGraph graph, Pt centre, List<(int Bond, int End)> left, List<(int Bond, int End)> right,
        List<int> inner, double bondLength)
    {
        if (Fork(graph, centre, left) is not { } l || Fork(graph, centre, right) is not { } r) return false;
        // The two forks open away from each other, along one line.
        if (l.Dot(r) > -Math.Cos(30 * Math.PI / 180)) return false;
        if (Atom(graph, left) is not { } x || Atom(graph, right) is not { } y) return false;
        if (Geometry.Distance(x.Position, y.Position) is var length && (length < bondLength * 0.6 || length > bondLength * 1.6)) return false;

        graph.Nodes[x.Node] = x.Position;
        graph.Nodes[y.Node] = y.Position;
        Replace(graph, [.. left.Concat(right).Select(a => a.Bond).Concat(inner)], x.Node, y.Node);
        return true;
    }

    /// <summary>The crossing's bonds give way to one double bond of unknown geometry between its two atoms; the
    /// nodes left without bonds go.</summary>
    private static void Replace(BondGraph graph, List<int> gone, int x, int y)
    {
        var freed = gone.SelectMany(i => new[] { graph.Bonds[i].A, graph.Bonds[i].B }).Distinct().ToList();
        foreach (var i in gone.OrderDescending()) graph.Bonds.RemoveAt(i);
        graph.Bonds.Add(new DrawnBond(x, y, 2, BondStyle.Crossed));
        foreach (var node in freed.Where(f => Incident(graph, f).Count == 0).OrderDescending())
            graph.RemoveNode(node);
    }

    /// <summary>A fork at node n whose stem runs back to an atom: the crossing from that atom to the fork's real
    /// arm's end, when the fork opens away from the stem and the two atoms are about a bond apart.</summary>
    private static bool TryHalf(BondGraph graph, int n, List<(int Bond, int End)> arms, (int Bond, int End) stem, double bondLength)
    {
        var from = graph.Nodes[n];
        if (Fork(graph, from, arms) is not { } fork) return false;
        // The fork's one real arm (to an atom with other bonds) and its free one: a wedge's wide end thins into a
        // fork of two free spurs, and is no crossing.
        var bonded = arms.Where(a => Incident(graph, a.End).Count > 1).ToList();
        if (bonded.Count != 1 || Incident(graph, stem.End).Count < 2) return false;
        var back = graph.Nodes[stem.End] - from;
        if (back.Length < 1e-6 || fork.Dot(back) > -Math.Cos(30 * Math.PI / 180) * back.Length) return false;
        int x = stem.End, y = bonded[0].End;
        var length = Geometry.Distance(graph.Nodes[x], graph.Nodes[y]);
        if (length < bondLength * 0.6 || length > bondLength * 1.6) return false;
        Replace(graph, [.. arms.Select(a => a.Bond).Append(stem.Bond)], x, y);
        return true;
    }

    /// <summary>The fork's mean direction (unit) from the crossing, when its two arms open at a narrow angle; null
    /// otherwise.</summary>
    private static Pt? Fork(BondGraph graph, Pt centre, List<(int Bond, int End)> arms) =>
        NarrowFork(graph.Nodes[arms[0].End] - centre, graph.Nodes[arms[1].End] - centre);

    /// <summary>The mean direction (unit) of two arms u and v from one point, when they open at a narrow angle
    /// (within <see cref="ForkDegrees"/>); null otherwise.</summary>
    private static Pt? NarrowFork(Pt u, Pt v)
    {
        if (u.Length < 1e-6 || v.Length < 1e-6 || u.Dot(v) / (u.Length * v.Length) < Math.Cos(ForkDegrees * Math.PI / 180)) return null;
        var mean = u * (1 / u.Length) + v * (1 / v.Length);
        return mean * (1 / mean.Length);
    }

    /// <summary>The fork's atom: the one arm end that meets other bonds, where it is; else (both free, as beside a
    /// label) the first arm's end moved to the middle of the two; null where both meet other bonds (two real bonds,
    /// not a fork).</summary>
    private static (int Node, Pt Position)? Atom(BondGraph graph, List<(int Bond, int End)> arms)
    {
        var bonded = arms.Where(a => Incident(graph, a.End).Count > 1).ToList();
        return bonded.Count switch
        {
            0 => (arms[0].End, (graph.Nodes[arms[0].End] + graph.Nodes[arms[1].End]) * 0.5),
            1 => (bonded[0].End, graph.Nodes[bonded[0].End]),
            _ => null,
        };
    }
}
