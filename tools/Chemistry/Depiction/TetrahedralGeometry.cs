using Sieve.Chemistry.Canonical;

namespace Sieve.Chemistry.Depiction;

/// <summary>Reads a tetrahedral configuration off a 2D drawing where some neighbours are lifted out of the
/// plane (wedge: towards the viewer, hash: away).</summary>
internal static class TetrahedralGeometry
{
    /// <summary>det[v1−v0, v2−v0, v3−v0] of the neighbour vectors in <see cref="Molecule.Neighbors"/> order
    /// (a missing fourth — implicit H or lone pair — last, opposite the others), with
    /// <paramref name="lifted"/> raised by <paramref name="z"/> bond lengths. Negative means the neighbours
    /// after the first turn counter-clockwise seen from the first (SMILES <c>@</c>).</summary>
    public static double SignedVolume(Molecule m, int centre, IReadOnlyList<Point2> pos, int lifted, double z)
    {
        Span<double> vx = stackalloc double[4];
        Span<double> vy = stackalloc double[4];
        Span<double> vz = stackalloc double[4];
        var k = 0;
        foreach (var n in m.Neighbors(centre))
        {
            if (k == 4) return 0;
            var d = pos[n] - pos[centre];
            var len = d.Length;
            if (len < 1e-9) return 0;
            vx[k] = d.X / len;
            vy[k] = d.Y / len;
            vz[k] = n == lifted ? z : 0;
            k++;
        }
        if (k == 3)
        {
            vx[3] = -(vx[0] + vx[1] + vx[2]);
            vy[3] = -(vy[0] + vy[1] + vy[2]);
            vz[3] = -(vz[0] + vz[1] + vz[2]);
            k = 4;
        }
        if (k != 4) return 0;
        double ax = vx[1] - vx[0], ay = vy[1] - vy[0], az = vz[1] - vz[0];
        double bx = vx[2] - vx[0], by = vy[2] - vy[0], bz = vz[2] - vz[0];
        double cx = vx[3] - vx[0], cy = vy[3] - vy[0], cz = vz[3] - vz[0];
        return ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
    }

    /// <summary>The parity (<see cref="StereoPerception"/> codes) a drawing expresses at <paramref name="centre"/>
    /// through its wedged/hashed bonds starting there; 0 when none or degenerate.</summary>
    public static byte ParityFromDrawing(Molecule m, int centre, IReadOnlyList<Point2> pos, WedgeAssignment w)
    {
        foreach (var bi in m.BondsOf(centre))
        {
            if (w.Starts[bi] != centre || w.Wedges[bi] is not (BondWedge.Wedge or BondWedge.Hash)) continue;
            var z = w.Wedges[bi] == BondWedge.Wedge ? 1.0 : -1.0;
            var v = SignedVolume(m, centre, pos, m.Bonds[bi].Other(centre), z);
            if (Math.Abs(v) < 1e-6) return 0;
            return v < 0 ? StereoPerception.CounterClockwise : StereoPerception.Clockwise;
        }
        return 0;
    }
}
