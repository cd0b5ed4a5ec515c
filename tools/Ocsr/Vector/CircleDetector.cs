using OpenCvSharp;

namespace Sieve.Ocsr.Vector;

/// <summary>A circle drawn inside a ring (an aromatic ring), in working pixels.</summary>
internal sealed record DrawnCircle(int ComponentId, Pt Centre, double Radius);

/// <summary>Aromatic circles: a component of its own whose centre line is one closed loop at a steady distance
/// from its centre, about 2πr long. Taken out before bonds are measured (its many short pieces would pull the
/// bond length down) and applied to the ring around it after assembly.</summary>
internal static class CircleDetector
{
    public static List<DrawnCircle> Find(IEnumerable<(int Id, Rect Box)> components,
        IEnumerable<(int Id, IReadOnlyList<Pt> Path, List<Segment> Pieces)> traced, double stroke)
    {
        var paths = traced.GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.Select(t => t.Path).ToList());
        var result = new List<DrawnCircle>();
        foreach (var (id, box) in components)
        {
            if (!paths.TryGetValue(id, out var lines)) continue;
            var size = Math.Max(box.Width, box.Height);
            if (size < 8 * stroke || Math.Abs(box.Width - box.Height) > 0.1 * size) continue;
            var centre = new Pt(box.X + box.Width / 2.0, box.Y + box.Height / 2.0);
            var points = lines.SelectMany(p => p).ToList();
            var radius = points.Average(p => Geometry.Distance(p, centre));
            if (radius < 3 * stroke) continue;
            if (points.Any(p => Math.Abs(Geometry.Distance(p, centre) - radius) > Math.Max(0.08 * radius, stroke))) continue;
            // The loop goes all the way round: its length is the circumference (an arc or a 'C' is shorter).
            var length = lines.Sum(p => p.Zip(p.Skip(1), Geometry.Distance).Sum());
            if (length < 0.85 * 2 * Math.PI * radius || length > 1.25 * 2 * Math.PI * radius) continue;
            result.Add(new DrawnCircle(id, centre, radius));
        }
        return result;
    }
}
