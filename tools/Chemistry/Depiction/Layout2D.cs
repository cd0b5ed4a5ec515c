using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Perception;

namespace Sieve.Chemistry.Depiction;

/// <summary>2D coordinates for drawing a molecule and for writing molfiles whose stereo RDKit reads back:
/// rings as regular polygons (fused, spiro, bridged), zig-zag chains, substituents spread around atoms,
/// linear triple bonds and allenes, double bonds drawn with their cis/trans configuration, components side
/// by side. Deterministic: choices follow canonical ranks, not input order.</summary>
public static class Layout2D
{
    /// <summary>Bond length of the drawing, as RDKit's depictor.</summary>
    public const double BondLength = 1.5;

    public static Point2[] Compute(Molecule m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.AtomCount == 0) return [];
        var rings = m.Rings ?? RingPerception.Perceive(m);
        // Cis/trans as written; a mark the canonical writer would drop as meaningless is still harmless to honour.
        var stereo = StereoPerception.DoubleBonds(m);
        var builder = new LayoutBuilder(m, rings, AtomOrder.Ranks(m), stereo, BondLength);
        var pos = builder.Pos;
        var offsetX = 0.0;
        foreach (var comp in m.Components())
        {
            builder.LayoutComponent(comp);
            OverlapCleanup.Run(m, rings, stereo, pos, comp, BondLength);
            // Side by side, left to right, centred on y = 0.
            double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
            foreach (var a in comp)
            {
                minX = Math.Min(minX, pos[a].X); maxX = Math.Max(maxX, pos[a].X);
                minY = Math.Min(minY, pos[a].Y); maxY = Math.Max(maxY, pos[a].Y);
            }
            var shift = new Point2(offsetX - minX, -(minY + maxY) / 2);
            foreach (var a in comp) pos[a] += shift;
            offsetX += maxX - minX + 2 * BondLength;
        }
        // Centre the whole drawing on the origin.
        var total = offsetX - 2 * BondLength;
        for (var i = 0; i < pos.Length; i++) pos[i] = new Point2(pos[i].X - total / 2, pos[i].Y + 0.0);
        return pos;
    }
}
