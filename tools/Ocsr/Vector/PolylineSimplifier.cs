namespace Sieve.Ocsr.Vector;

/// <summary>Douglas–Peucker: a traced pixel path becomes the few straight segments it is drawn with; the
/// vertices it keeps inside a path are corners, i.e. implicit carbons.</summary>
internal static class PolylineSimplifier
{
    public static List<Segment> Simplify(IReadOnlyList<Pt> line, double tolerance)
    {
        var keep = new bool[line.Count];
        keep[0] = keep[^1] = true;
        if (line.Count > 2 && Geometry.Distance(line[0], line[^1]) < 1e-9)
        {
            // A closed loop: split at the point farthest from the start first.
            var far = 1;
            for (var i = 1; i < line.Count - 1; i++)
                if (Geometry.Distance(line[i], line[0]) > Geometry.Distance(line[far], line[0])) far = i;
            keep[far] = true;
            Mark(line, 0, far, tolerance, keep);
            Mark(line, far, line.Count - 1, tolerance, keep);
        }
        else
        {
            Mark(line, 0, line.Count - 1, tolerance, keep);
        }
        var segments = new List<Segment>();
        var last = 0;
        for (var i = 1; i < line.Count; i++)
        {
            if (!keep[i]) continue;
            segments.Add(new Segment(line[last], line[i]));
            last = i;
        }
        return segments;
    }

    private static void Mark(IReadOnlyList<Pt> line, int from, int to, double tolerance, bool[] keep)
    {
        if (to - from < 2) return;
        var chord = new Segment(line[from], line[to]);
        double worst = -1;
        var at = -1;
        for (var i = from + 1; i < to; i++)
        {
            var d = chord.Length < 1e-9 ? Geometry.Distance(line[i], line[from]) : chord.LineDistance(line[i]);
            if (d > worst) { worst = d; at = i; }
        }
        if (worst <= tolerance) return;
        keep[at] = true;
        Mark(line, from, at, tolerance, keep);
        Mark(line, at, to, tolerance, keep);
    }
}
