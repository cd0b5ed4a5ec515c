using OpenCvSharp;

namespace Sieve.Ocsr.Vector;

/// <summary>A hashed bond found among the small pieces of a drawing: its line from the narrow end (the
/// stereocentre) to the wide end, and the components its strokes were.</summary>
internal sealed record HashedBond(Segment Line, IReadOnlyList<int> ComponentIds);

/// <summary>Hashed wedges: three or more short strokes side by side, parallel, evenly spaced along a line across
/// them, growing from one end to the other. Each stroke is a component of its own, so without this they would
/// be read as glyphs ('l', '-') or dropped.</summary>
internal static class HashDetector
{
    private sealed record Stroke(int Id, Pt Centre, Pt Direction, double Length);

    /// <summary>The fewest file pixels a dot may have to count as a hash stroke (the narrow end's strokes of a
    /// small wedge are a pixel or two, anti-aliased grey).</summary>
    public const double SmallestDot = 0.75;

    public static List<HashedBond> Find(IEnumerable<(int Id, Rect Box, IReadOnlyList<Segment> Segments)> pieces,
        double bondLength, double stroke)
    {
        var strokes = new List<Stroke>();
        foreach (var (id, box, segs) in pieces)
        {
            var size = Math.Max(box.Width, box.Height);
            if (size > bondLength * 0.45) continue;
            var centre = new Pt(box.X + box.Width / 2.0, box.Y + box.Height / 2.0);
            // A stroke: one straight piece (thinned), or a blob too small to thin, taken along its box.
            if (segs.Count == 1)
                strokes.Add(new Stroke(id, centre, segs[0].Direction, Math.Max(segs[0].Length, size)));
            else if (segs.Count == 0 && size <= 3 * stroke)
                strokes.Add(new Stroke(id, centre, box.Width >= box.Height ? new Pt(1, 0) : new Pt(0, 1), size));
            else if (segs.Count > 1)
            {
                var longest = segs.MaxBy(s => s.Length)!;
                if (segs.Sum(s => s.Length) < longest.Length * 1.3)
                    strokes.Add(new Stroke(id, centre, longest.Direction, size));
            }
        }

        // Neighbours: parallel strokes, close, the step between them across the strokes.
        var near = strokes.Select(_ => new List<int>()).ToList();
        var reach = bondLength * 0.3;
        for (var i = 0; i < strokes.Count; i++)
            for (var j = i + 1; j < strokes.Count; j++)
            {
                Stroke s = strokes[i], t = strokes[j];
                var step = t.Centre - s.Centre;
                var d = step.Length;
                if (d > reach || d < stroke * 0.5) continue;
                if (Math.Abs(s.Direction.Dot(t.Direction)) < Math.Cos(20 * Math.PI / 180) && Math.Min(s.Length, t.Length) > 2.5 * stroke) continue;
                // The step runs across the strokes, unless both are dots (a dot's box gives no direction).
                var along = Math.Abs(step.Dot(Longer(s, t).Direction)) / d;
                if (along > 0.5 && Math.Max(s.Length, t.Length) > 2.5 * stroke) continue;
                near[i].Add(j);
                near[j].Add(i);
            }

        var result = new List<HashedBond>();
        var seen = new bool[strokes.Count];
        for (var i = 0; i < strokes.Count; i++)
        {
            if (seen[i]) continue;
            var group = new List<int> { i };
            seen[i] = true;
            for (var g = 0; g < group.Count; g++)
                foreach (var n in near[group[g]])
                    if (!seen[n]) { seen[n] = true; group.Add(n); }
            if (group.Count < 3) continue;
            if (Hash(group.Select(g => strokes[g]).ToList(), stroke) is { } line)
                result.Add(new HashedBond(line, group.Select(g => strokes[g].Id).ToList()));
        }
        return result;
    }

    private static Stroke Longer(Stroke s, Stroke t) => s.Length >= t.Length ? s : t;

    /// <summary>The hash's line when the strokes' centres lie on a line across the strokes and the strokes grow
    /// along it; null otherwise (a dashed line, text).</summary>
    private static Segment? Hash(List<Stroke> group, double stroke)
    {
        var longest = group.MaxBy(s => s.Length)!;
        // The line through the centres (their principal direction): a stroke's own direction is a few degrees
        // off, which over a long hash would push its far strokes off the line.
        var (origin, axis) = Geometry.PrincipalAxis([.. group.Select(s => s.Centre)]);
        var normal = new Pt(-axis.Y, axis.X);
        // The strokes lie across the line (dots have no direction worth testing).
        if (longest.Length > 2.5 * stroke && Math.Abs(longest.Direction.Dot(axis)) > 0.5) return null;
        var ordered = group.OrderBy(s => axis.Dot(s.Centre - origin)).ToList();
        foreach (var s in ordered)
            if (Math.Abs(normal.Dot(s.Centre - origin)) > Math.Max(1.5 * stroke, longest.Length * 0.35)) return null;
        // Growth: the lengths rise (or fall) along the axis.
        var k = ordered.Count;
        double first = ordered.Take(Math.Max(1, k / 2)).Average(s => s.Length), last = ordered.Skip(k / 2).Average(s => s.Length);
        if (Math.Max(first, last) < 1.4 * Math.Min(first, last)) return null;
        if (first > last) ordered.Reverse();
        var spacing = Geometry.Distance(ordered[0].Centre, ordered[^1].Centre) / (k - 1);
        var dir = (ordered[^1].Centre - ordered[0].Centre) * (1.0 / Math.Max(1e-9, Geometry.Distance(ordered[0].Centre, ordered[^1].Centre)));
        // The narrow end's first stroke is a dot, often lost: the centre lies about one step before the first kept.
        return new Segment(ordered[0].Centre - dir * spacing, ordered[^1].Centre + dir * (spacing * 0.5));
    }
}
