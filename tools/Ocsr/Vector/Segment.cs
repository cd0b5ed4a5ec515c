namespace Sieve.Ocsr.Vector;

/// <summary>Distances between points in working-scale pixels (<c>Pt</c> is the chemistry core's Point2).</summary>
internal static class Geometry
{
    public static double Distance(Pt a, Pt b) => (a - b).Length;
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
