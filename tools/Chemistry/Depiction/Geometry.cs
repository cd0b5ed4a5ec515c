namespace Sieve.Chemistry.Depiction;

/// <summary>Small plane-geometry helpers for the layout.</summary>
internal static class Geometry
{
    /// <summary>Angle folded into (-π, π].</summary>
    public static double Normalize(double a)
    {
        while (a <= -Math.PI) a += 2 * Math.PI;
        while (a > Math.PI) a -= 2 * Math.PI;
        return a;
    }

    /// <summary>The middle of the widest empty sector around a point, given the directions already taken
    /// (any direction when none).</summary>
    public static double LargestGapBisector(List<double> angles)
    {
        if (angles.Count == 0) return -Math.PI / 6;
        if (angles.Count == 1) return angles[0] + Math.PI;
        var (start, gap) = LargestGap(angles);
        return start + gap / 2;
    }

    /// <summary>Start angle and width of the widest empty sector between the given directions.</summary>
    public static (double Start, double Gap) LargestGap(List<double> angles)
    {
        if (angles.Count == 0) return (0, 2 * Math.PI);
        if (angles.Count == 1) return (angles[0], 2 * Math.PI);
        angles.Sort();
        var bestStart = angles[^1];
        var bestGap = angles[0] + 2 * Math.PI - angles[^1];
        for (var i = 1; i < angles.Count; i++)
        {
            var g = angles[i] - angles[i - 1];
            if (g > bestGap + 1e-9) { bestGap = g; bestStart = angles[i - 1]; }
        }
        return (bestStart, bestGap);
    }

    /// <summary>Fills <paramref name="into"/> with <paramref name="k"/> points on a circular arc from
    /// <paramref name="from"/> to <paramref name="to"/> whose arc length is (k+1) bonds, bulging to
    /// <paramref name="side"/> (+1 left of from→to, -1 right).</summary>
    public static void Arc(Point2 from, Point2 to, int k, double bond, double side, Point2[] into)
    {
        var chordV = to - from;
        var d = chordV.Length;
        var arcLen = (k + 1) * bond;
        Point2 normal = d < 1e-9 ? new Point2(0, 1) : new Point2(-chordV.Y / d, chordV.X / d);
        normal *= side;
        if (d >= arcLen * 0.999 || d < 1e-9)
        {
            // Straight: the ends are already far apart.
            for (var i = 0; i < k; i++)
                into[i] = from + chordV * ((i + 1.0) / (k + 1)) + normal * (0.2 * bond);
            return;
        }
        // Central angle θ so that k+1 equal chords of one bond span the distance d:
        // d / bond = sin(θ/2) / sin(θ/(2(k+1))), which falls from k+1 (θ→0) to 0 (θ=2π).
        var ratio = d / bond;
        double lo = 1e-9, hi = 2 * Math.PI - 1e-9;
        for (var it = 0; it < 60; it++)
        {
            var mid = (lo + hi) / 2;
            var f = Math.Sin(mid / 2) / Math.Sin(mid / (2 * (k + 1)));
            if (f > ratio) lo = mid; else hi = mid;
        }
        var theta = (lo + hi) / 2;
        var radius = bond / (2 * Math.Sin(theta / (2 * (k + 1))));
        var m = (from + to) * 0.5;
        var centre = m - normal * (radius * Math.Cos(theta / 2));
        var a0 = (from - centre).Angle;
        // Sweep so that the middle of the arc lies on the bulge side.
        var dir = 1.0;
        var midPoint = centre + Point2.FromAngle(a0 + theta / 2, radius);
        if ((midPoint - m).Dot(normal) < 0) dir = -1.0;
        for (var i = 0; i < k; i++)
            into[i] = centre + Point2.FromAngle(a0 + dir * theta * (i + 1) / (k + 1), radius);
    }
}
