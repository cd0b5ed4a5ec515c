using OpenCvSharp;
using Sieve.Ocsr.Vector;

namespace Sieve.Ocsr.Labels;

/// <summary>Finds letters drawn touching a bond (a charge sign on the bond line, an N whose leg meets the next
/// bond): in the line art they are tight clusters of short strokes, unlike bonds. A cluster the glyph recogniser
/// reads confidently as a label character is cut out of the line art and read as a glyph.</summary>
internal static class TouchingGlyphs
{
    private const string LabelChars = "NOSPFCBIHR+-";

    public static List<(int Id, Rect Box)> Extract(Mat componentIds, int componentId, List<Segment> segments,
        double bondLength, double stroke, GlyphClassifier classifier)
    {
        var found = new List<(int, Rect)>();
        var shortOnes = segments.Where(s => s.Length < bondLength * 0.45).ToList();
        if (shortOnes.Count < 2) return found;
        var join = Math.Max(bondLength * 0.1, stroke * 1.5);
        var parent = Enumerable.Range(0, shortOnes.Count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        for (var i = 0; i < shortOnes.Count; i++)
            for (var j = i + 1; j < shortOnes.Count; j++)
            {
                Segment a = shortOnes[i], b = shortOnes[j];
                var d = new[] { Geometry.Distance(a.A, b.A), Geometry.Distance(a.A, b.B), Geometry.Distance(a.B, b.A), Geometry.Distance(a.B, b.B) }.Min();
                if (d < join) parent[Find(i)] = Find(j);
            }
        foreach (var cluster in Enumerable.Range(0, shortOnes.Count).GroupBy(Find).Where(g => g.Count() >= 2))
        {
            var pts = cluster.SelectMany(i => new[] { shortOnes[i].A, shortOnes[i].B }).ToList();
            double x0 = pts.Min(p => p.X) - stroke, x1 = pts.Max(p => p.X) + stroke;
            double y0 = pts.Min(p => p.Y) - stroke, y1 = pts.Max(p => p.Y) + stroke;
            var size = Math.Max(x1 - x0, y1 - y0);
            if (size > bondLength * 0.7 || size < bondLength * 0.12) continue;
            var box = new Rect((int)x0, (int)y0, (int)(x1 - x0) + 1, (int)(y1 - y0) + 1)
                & new Rect(0, 0, componentIds.Width, componentIds.Height);
            using var crop = new Mat(box.Height, box.Width, MatType.CV_8UC1, Scalar.All(0));
            for (var y = 0; y < box.Height; y++)
                for (var x = 0; x < box.Width; x++)
                    if (componentIds.At<int>(box.Top + y, box.Left + x) == componentId)
                        crop.Set(y, x, (byte)255);
            var (ch, confidence) = classifier.Classify(GlyphFeatures.FromCrop(crop));
            if (!LabelChars.Contains(ch) || confidence < 0.7) continue;
            found.Add((componentId, box));
            foreach (var i in cluster) segments.Remove(shortOnes[i]);
        }
        return found;
    }
}
