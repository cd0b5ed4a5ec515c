using OpenCvSharp;
using Sieve.Ocsr.Vector;

namespace Sieve.Ocsr.Labels;

/// <summary>The iodine symbol is one upright stroke, the same glyph as a short bond line. It is told apart by
/// where it stands: a bond points at it and stops short of it (labels keep a gap), and no line runs beside it
/// (the inner line of a double bond has its outer line alongside).</summary>
internal static class IodineStroke
{
    public static bool IsIodine(DrawnLabel label, IReadOnlyList<Segment> lineArt, double bondLength, double stroke)
    {
        if (label.Text is not ("I" or "l" or "1")) return false;
        var box = label.Box;
        if (box.Height < 2.5 * box.Width || box.Height > bondLength * 0.6) return false;
        var glyph = new Segment(new Pt(box.X + box.Width / 2.0, box.Top), new Pt(box.X + box.Width / 2.0, box.Bottom));
        foreach (var s in lineArt)
        {
            if (s.AngleTo(glyph) > 15) continue;
            var (longer, shorter) = s.Length >= glyph.Length ? (s, glyph) : (glyph, s);
            double p1 = longer.Project(shorter.A), p2 = longer.Project(shorter.B);
            var overlap = Math.Min(longer.Length, Math.Max(p1, p2)) - Math.Max(0, Math.Min(p1, p2));
            if (overlap > 0 && longer.LineDistance(shorter.Mid) < bondLength * 0.4) return false;
        }
        var centre = glyph.Mid;
        foreach (var s in lineArt)
            foreach (var (end, other) in new[] { (s.A, s.B), (s.B, s.A) })
            {
                var gap = BoxGap(box, end);
                if (gap < stroke * 1.2 || gap > bondLength * 0.35) continue;
                var towards = new Segment(other, end);
                // The bond is aimed at the glyph: its line passes through the glyph, and the glyph lies beyond its end.
                if (towards.Project(centre) > towards.Length && towards.LineDistance(centre) < box.Height * 0.5) return true;
            }
        return false;
    }

    private static double BoxGap(Rect box, Pt p)
    {
        var dx = Math.Max(Math.Max(box.Left - p.X, p.X - box.Right), 0);
        var dy = Math.Max(Math.Max(box.Top - p.Y, p.Y - box.Bottom), 0);
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
