namespace Sieve.Ocsr.Vector;

/// <summary>Distances between points in working-scale pixels (<c>Pt</c> is the chemistry core's Point2).</summary>
internal static class Geometry
{
    public static double Distance(Pt a, Pt b) => (a - b).Length;

    /// <summary>a–centre–b is one straight line (within <paramref name="degrees"/>).</summary>
    public static bool Opposite(Pt centre, Pt a, Pt b, double degrees)
    {
        var u = a - centre;
        var v = b - centre;
        return u.Dot(v) / (u.Length * v.Length + 1e-9) < -Math.Cos(degrees * Math.PI / 180);
    }

    /// <summary>The points' centroid and their principal direction (unit; the axis they spread along most).</summary>
    public static (Pt Centre, Pt Direction) PrincipalAxis(IReadOnlyCollection<Pt> points)
    {
        double mx = points.Average(p => p.X), my = points.Average(p => p.Y);
        double sxx = points.Sum(p => (p.X - mx) * (p.X - mx)), syy = points.Sum(p => (p.Y - my) * (p.Y - my));
        var sxy = points.Sum(p => (p.X - mx) * (p.Y - my));
        var angle = 0.5 * Math.Atan2(2 * sxy, sxx - syy);
        return (new Pt(mx, my), new Pt(Math.Cos(angle), Math.Sin(angle)));
    }
}

/// <summary>A straight piece of a drawn line, from <see cref="A"/> to <see cref="B"/>.</summary>
internal sealed record Segment(Pt A, Pt B)
{
    public double Length => Geometry.Distance(A, B);
    public Pt Mid => (A + B) * 0.5;
    public Pt Direction => (B - A) * (1.0 / Math.Max(Length, 1e-9));

    /// <summary>Distance from <paramref name="p"/> to the infinite line through the segment.</summary>
    public double LineDistance(Pt p) => Math.Abs(Direction.Cross(p - A));

    /// <summary>Position of <paramref name="p"/> projected on the segment, 0 at A and Length at B.</summary>
    public double Project(Pt p) => Direction.Dot(p - A);

    /// <summary>Angle between the two lines in degrees, 0–90.</summary>
    public double AngleTo(Segment o)
    {
        var c = Math.Abs(Direction.Dot(o.Direction));
        return Math.Acos(Math.Min(1, c)) * 180 / Math.PI;
    }
}
