using OpenCvSharp;
using Sieve.Ocsr.Vector;

namespace Sieve.Ocsr.Labels;

/// <summary>Glyph-sized components that are bond lines after all. The N–O bonds of a drawn nitro group stop short
/// at both ends, so they are about half a bond long; with the N's superscript '+' touching one, or as the two short
/// lines of an N=O, they pass the size test for glyphs and were read as a letter ('y', 'L', '7') or a '-' that
/// glued the N and O into one label. Such a piece is much larger than the letters and holds a stroke longer than
/// any letter's.</summary>
internal static class BondPieces
{
    /// <summary>The typical capital height of the glyphs: their upper-quartile height (subscripts, charges and
    /// dots are many but small).</summary>
    public static double CharacterHeight(IReadOnlyList<(int Id, Rect Box)> glyphs)
    {
        if (glyphs.Count == 0) return 0;
        var heights = glyphs.Select(g => g.Box.Height).Order().ToList();
        return heights[heights.Count * 3 / 4];
    }

    /// <summary>The strokes of a glyph candidate: its traced segments, or where the tracer gave none, the centre
    /// line of a thin piece (about one stroke width of ink along its length, <paramref name="area"/> its ink pixels).</summary>
    public static List<Segment> Strokes(Mat componentIds, int id, Rect box, int area, IReadOnlyList<Segment> traced, double stroke)
    {
        if (traced.Count > 0) return [.. traced];
        var diagonal = Math.Sqrt(box.Width * box.Width + box.Height * box.Height);
        return area <= 1.8 * stroke * diagonal ? [CentreLine(componentIds, id, box)] : [];
    }

    /// <summary>Whether a glyph candidate with these strokes is a short bond, possibly with a charge sign touching
    /// it: one slanted straight stroke (no label glyph is that), or a thin piece longer than the letters,
    /// or a piece much larger than the letters holding a stroke longer than any letter's.</summary>
    public static bool IsBondPiece(Rect box, IReadOnlyList<Segment> strokes, double charH, double bondLength)
    {
        if (charH <= 0) return false;
        if (strokes.Count == 0) return LongThin(box, charH);
        var longest = strokes.MaxBy(s => s.Length)!;
        var angle = Math.Abs(Math.Atan2(longest.B.Y - longest.A.Y, longest.B.X - longest.A.X) * 180 / Math.PI) % 90;
        if (strokes.Count == 1 && angle is > 20 and < 70 && longest.Length > charH * 0.6) return true;
        // A thin piece lying about as long as a capital is tall (no hyphen or minus is that long), or standing
        // taller than a capital (an l is about as tall): half of a bond between two labels, cut off by the colour
        // change at its middle on a JPEG. Or a larger piece holding a stroke longer than a letter's.
        var size = Math.Max(box.Width, box.Height);
        if (LongThin(box, charH) || size > charH * 1.15 && longest.Length > charH * 1.1) return true;
        return size >= charH * 1.4 && longest.Length > Math.Max(charH * 1.1, bondLength * 0.3);
    }

    /// <summary>Lying longer than a capital is wide but low (no hyphen or minus is that long), or standing taller
    /// than a capital but narrow (an l is about as tall).</summary>
    private static bool LongThin(Rect box, double charH) =>
        box.Width > charH * 0.9 && box.Height < charH * 0.55 || box.Height > charH * 1.15 && box.Width < charH * 0.45;

    /// <summary>The centre line of a thin piece the tracer gave no segments: its ink's principal axis, from the
    /// extreme pixel to the other.</summary>
    public static Segment CentreLine(Mat componentIds, int id, Rect box)
    {
        var pts = new List<Pt>();
        for (var y = box.Top; y < box.Bottom; y++)
            for (var x = box.Left; x < box.Right; x++)
                if (componentIds.At<int>(y, x) == id) pts.Add(new Pt(x, y));
        var (centre, axis) = Geometry.PrincipalAxis(pts);
        var t = pts.Select(p => axis.Dot(p - centre)).ToList();
        return new Segment(centre + axis * t.Min(), centre + axis * t.Max());
    }
}
