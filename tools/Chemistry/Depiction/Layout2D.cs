using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Perception;

namespace Sieve.Chemistry.Depiction;

/// <summary>2D coordinates for drawing a molecule and for writing molfiles whose stereo RDKit reads back:
/// rings as regular polygons (fused, spiro, bridged), zig-zag chains, substituents spread around atoms,
/// linear triple bonds and allenes, double bonds drawn with their cis/trans configuration, components side
/// by side. Deterministic: ties are broken by numbering-independent atom ranks (<see cref="AtomOrder"/>),
/// so a renumbered molecule gets the same drawing up to symmetry.</summary>
public static class Layout2D
{
    /// <summary>Bond length of the drawing, as RDKit's depictor.</summary>
    public const double BondLength = 1.5;

    /// <summary>Turns a component whose drawing stands taller than wide onto its long (principal) axis,
    /// as a reader expects a long chain to run across the page. A rotation changes no stereo reading.</summary>
    private static void LieFlat(Point2[] pos, List<int> comp)
    {
        if (comp.Count < 3) return;
        double cx = 0, cy = 0;
        foreach (var a in comp) { cx += pos[a].X; cy += pos[a].Y; }
        cx /= comp.Count; cy /= comp.Count;
        double sxx = 0, syy = 0, sxy = 0;
        foreach (var a in comp)
        {
            var dx = pos[a].X - cx; var dy = pos[a].Y - cy;
            sxx += dx * dx; syy += dy * dy; sxy += dx * dy;
        }
        if (syy <= sxx * 1.2) return; // already wide enough: keep rings upright as laid out
        var angle = 0.5 * Math.Atan2(2 * sxy, sxx - syy); // direction of the long axis
        // Snap to 30° steps so ring edges stay on the usual grid.
        var step = Math.PI / 6;
        var rot = -Math.Round(angle / step) * step;
        var c = Math.Cos(rot); var s = Math.Sin(rot);
        foreach (var a in comp)
        {
            var dx = pos[a].X - cx; var dy = pos[a].Y - cy;
            pos[a] = new Point2(cx + dx * c - dy * s, cy + dx * s + dy * c);
        }
    }

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
            LieFlat(pos, comp);
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
        for (var i = 0; i < pos.Length; i++) pos[i] = new Point2(pos[i].X - total / 2, pos[i].Y);
        return pos;
    }
}
