using OpenCvSharp;

namespace Sieve.Ocsr.Labels;

/// <summary>A glyph as the classifier compares it: its aspect (width/height) and a 16x16 cell of ink levels
/// 0–15, the longer side scaled to 16 and centred. scripts/ocsr/make_glyphs.py normalises its templates the same
/// way; change both together.</summary>
internal sealed record GlyphFeatures(double Aspect, byte[] Cell)
{
    public const int CellSide = 16;

    /// <summary>From a binary crop (ink non-zero) tight around the glyph.</summary>
    public static GlyphFeatures FromCrop(Mat crop)
    {
        int w = crop.Width, h = crop.Height;
        var scale = (double)CellSide / Math.Max(w, h);
        int nw = Math.Max(1, (int)Math.Round(w * scale)), nh = Math.Max(1, (int)Math.Round(h * scale));
        using var small = new Mat();
        Cv2.Resize(crop, small, new Size(nw, nh), 0, 0, InterpolationFlags.Area);
        var cell = new byte[CellSide * CellSide];
        int ox = (CellSide - nw) / 2, oy = (CellSide - nh) / 2;
        for (var y = 0; y < nh; y++)
            for (var x = 0; x < nw; x++)
                cell[(oy + y) * CellSide + ox + x] = (byte)(small.At<byte>(y, x) >> 4);
        return new GlyphFeatures((double)w / h, cell);
    }
}
