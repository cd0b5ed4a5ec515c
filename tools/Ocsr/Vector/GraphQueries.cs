using OpenCvSharp;

namespace Sieve.Ocsr.Vector;

/// <summary>Small questions the drawn-feature detectors ask of the bond graph and of label boxes.</summary>
internal static class GraphQueries
{
    /// <summary>Indices of the bonds at node <paramref name="n"/>.</summary>
    public static List<int> Incident(BondGraph g, int n) =>
        [.. Enumerable.Range(0, g.Bonds.Count).Where(i => g.Bonds[i].A == n || g.Bonds[i].B == n)];

    public static int Other(DrawnBond b, int n) => b.A == n ? b.B : b.A;

    /// <summary>The three ways to split a four-way node's bonds (by position) into two pairs.</summary>
    public static IEnumerable<((int, int), (int, int))> Pairings()
    {
        yield return ((0, 1), (2, 3));
        yield return ((0, 2), (1, 3));
        yield return ((0, 3), (1, 2));
    }

    /// <summary>a–x–b is one straight line (within <paramref name="degrees"/>): two halves of a line that x only
    /// crosses.</summary>
    public static bool Straight(BondGraph g, int x, int a, int b, double degrees = 15) =>
        Geometry.Opposite(g.Nodes[x], g.Nodes[a], g.Nodes[b], degrees);

    /// <summary>Distance from <paramref name="p"/> to the box (0 inside).</summary>
    public static double BoxDistance(Rect box, Pt p)
    {
        var dx = Math.Max(Math.Max(box.Left - p.X, p.X - box.Right), 0);
        var dy = Math.Max(Math.Max(box.Top - p.Y, p.Y - box.Bottom), 0);
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
