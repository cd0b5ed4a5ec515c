using Sieve.Chemistry;
using Sieve.Chemistry.Perception;
using Sieve.Ocsr.Vector;

namespace Sieve.Ocsr.Assembly;

/// <summary>A circle drawn inside a ring makes that ring aromatic: its atoms and bonds are marked aromatic, as
/// lowercase SMILES atoms are, and perception finds the Kekulé form (or rejects a ring that cannot have one).
/// The ring is the smallest whose atoms surround the circle's centre, with the circle well inside it.</summary>
internal static class AromaticCircles
{
    /// <summary>Marks the rings of <paramref name="d"/> that hold a circle; <paramref name="circles"/> are in
    /// the same pixels as the molecule's atom positions. Returns the circles used.</summary>
    public static List<DrawnCircle> Apply(DrawnMolecule d, IReadOnlyList<DrawnCircle> circles)
    {
        var used = new List<DrawnCircle>();
        if (circles.Count == 0) return used;
        var m = d.Molecule;
        var rings = RingPerception.Perceive(m);
        foreach (var circle in circles)
        {
            int[]? best = null;
            foreach (var ring in rings.AtomRings)
            {
                if (ring.Length is < 5 or > 7) continue;
                var pts = ring.Select(a => new Pt(d.Positions[a].X, d.Positions[a].Y)).ToList();
                var centre = pts.Aggregate(new Pt(0, 0), (s, p) => s + p) * (1.0 / pts.Count);
                var inner = pts.Min(p => Geometry.Distance(p, centre));
                // The circle sits at the ring's centre and inside it.
                if (Geometry.Distance(centre, circle.Centre) > 0.35 * inner || circle.Radius > inner) continue;
                if (best is null || ring.Length < best.Length) best = ring;
            }
            if (best is null) continue;
            used.Add(circle);
            foreach (var a in best) m.Atoms[a].IsAromatic = true;
            for (var k = 0; k < best.Length; k++)
            {
                var bond = m.BondBetween(best[k], best[(k + 1) % best.Length]);
                if (bond is null) continue;
                bond.Order = BondOrder.Aromatic;
                bond.IsAromatic = true;
            }
        }
        return used;
    }
}
