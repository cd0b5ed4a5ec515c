using OpenCvSharp;
using Sieve.Ocsr.Vector;

namespace Sieve.Ocsr.Labels;

/// <summary>Letters found by their charge sign. A nitro's N can touch all three of its bonds and vanish into the
/// line art while its superscript '+' stands alone beside it; where a lone sign has no letter to its left, the
/// short strokes of the line art in the letter's place are cut out and read as the letter.</summary>
internal static class SignedLetters
{
    private const string Letters = "NOSPB";

    /// <summary>The letters cut out of <paramref name="lineArt"/> (their strokes are removed from it) beside lone
    /// signs among <paramref name="glyphs"/>; each gets a fresh id in <paramref name="componentIds"/>.</summary>
    public static List<(int Id, Rect Box)> Find(Mat componentIds, IReadOnlyList<(int Id, Rect Box)> glyphs, List<Segment> lineArt,
        double charH, double bondLength, double stroke, GlyphClassifier classifier, ref int nextId)
    {
        var found = new List<(int Id, Rect Box)>();
        if (charH <= 0) return found;
        foreach (var (id, box) in glyphs)
        {
            if (box.Height > charH * 0.75 || box.Width > charH * 0.75 || box.Width < box.Height * 0.6 || box.Height < box.Width * 0.6) continue;
            var (ch, confidence) = classifier.Classify(GlyphFeatures.FromCrop(Crop(componentIds, id, box)));
            if (ch != '+' || confidence < 0.7) continue;
            // Where the letter would stand: left of the sign, its top near the sign's top.
            var place = new Rect((int)(box.Left - charH * 1.2), (int)(box.Top - charH * 0.25), (int)(charH * 1.3), (int)(charH * 1.5));
            if (glyphs.Any(g => g.Id != id && (g.Box & place).Width > 0 && g.Box.Height > charH * 0.75)) continue;
            var inflated = new Rect((int)(place.X - stroke), (int)(place.Y - stroke), (int)(place.Width + 2 * stroke), (int)(place.Height + 2 * stroke));
            var strokes = lineArt.Where(s => s.Length < bondLength * 0.45 && Inside(inflated, s.A) && Inside(inflated, s.B)).ToList();
            if (strokes.Count < 2) continue;
            var owner = strokes.Select(s => componentIds.At<int>((int)Math.Round(s.Mid.Y), (int)Math.Round(s.Mid.X)))
                .Where(c => c != 0).GroupBy(c => c).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key ?? 0;
            if (owner == 0) continue;
            var letter = TouchingGlyphs.Cut(componentIds, owner, strokes, lineArt, bondLength, stroke, charH, classifier, Letters, 0.45, ref nextId);
            if (letter is null) continue;
            found.Add(letter.Value);
            lineArt.RemoveAll(strokes.Contains);
        }
        return found;
    }

    private static bool Inside(Rect r, Pt p) => p.X >= r.Left && p.X <= r.Right && p.Y >= r.Top && p.Y <= r.Bottom;

    private static Mat Crop(Mat componentIds, int id, Rect box)
    {
        var crop = new Mat(box.Height, box.Width, MatType.CV_8UC1, Scalar.All(0));
        for (var y = 0; y < box.Height; y++)
            for (var x = 0; x < box.Width; x++)
                if (componentIds.At<int>(box.Top + y, box.Left + x) == id)
                    crop.Set(y, x, (byte)255);
        return crop;
    }
}
