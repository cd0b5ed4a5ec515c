using OpenCvSharp;
using Sieve.Ocsr.Vector;

namespace Sieve.Ocsr.Labels;

/// <summary>Finds letters drawn touching a bond (a charge sign on the bond line, an N whose leg meets the next
/// bond): in the line art they are tight clusters of short strokes, unlike bonds. A cluster the glyph recogniser
/// reads confidently as a label character is cut out of the line art and read as a glyph.</summary>
internal static class TouchingGlyphs
{
    private const string LabelChars = "NOSPFCBIHR+-";
    private const string Letters = "NOSPFCBIHR";

    /// <summary>Cuts label glyphs out of one line-art component. A glyph found gets a fresh id in
    /// <paramref name="componentIds"/> (its pixels only, not the bond it touches) so it is read on its own;
    /// <paramref name="nextId"/> is the next free id. Returns the new glyph components.</summary>
    public static List<(int Id, Rect Box)> Extract(Mat componentIds, int componentId, List<Segment> segments,
        double bondLength, double stroke, double charH, GlyphClassifier classifier, ref int nextId)
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
        foreach (var cluster in Enumerable.Range(0, shortOnes.Count).GroupBy(Find).Where(g => g.Count() >= 2).ToList())
        {
            var members = cluster.Select(i => shortOnes[i]).ToList();
            var glyph = Cut(componentIds, componentId, members, segments, bondLength, stroke, charH, classifier, LabelChars, 0.55, ref nextId);
            // The cluster may hold the end of the bond the letter touches, which spoils the letter's shape: without
            // one of its outermost strokes it may read surely.
            if (glyph is null && members.Count >= 3)
            {
                var centre = new Pt(members.Average(m => m.Mid.X), members.Average(m => m.Mid.Y));
                foreach (var outer in members.OrderByDescending(m => Geometry.Distance(m.Mid, centre)).Take(2).ToList())
                {
                    var fewer = members.Where(m => m != outer).ToList();
                    glyph = Cut(componentIds, componentId, fewer, segments, bondLength, stroke, charH, classifier, LabelChars, 0.55, ref nextId);
                    if (glyph is null) continue;
                    members = fewer;
                    break;
                }
            }
            if (glyph is null) continue;
            found.Add(glyph.Value);
            foreach (var s in members) segments.Remove(s);
        }
        return found;
    }

    /// <summary>A glyph candidate too wide for one letter that is a letter with a stub of bond stuck to it (on a
    /// JPEG a yellow S runs into the yellow half of its bond, and that half breaks off the rest at the colour
    /// change). When all but the longest stroke cut out as a letter read surely enough, the letter is returned and
    /// <paramref name="strokes"/> keeps the stub (at least half a letter long); otherwise nothing changes.</summary>
    public static (int Id, Rect Box)? LetterWithStub(Mat componentIds, int componentId, List<Segment> strokes,
        double bondLength, double stroke, double charH, GlyphClassifier classifier, ref int nextId)
    {
        if (strokes.Count < 3) return null;
        // The stub is the piece's longest stroke; the letter is everything else.
        var stub = strokes.MaxBy(s => s.Length)!;
        if (stub.Length < charH * 0.5) return null;
        var letter = strokes.Where(s => s != stub).ToList();
        var glyph = Cut(componentIds, componentId, letter, strokes, bondLength, stroke, charH, classifier, Letters, 0.55, ref nextId);
        if (glyph is null) return null;
        // A stub reaches well out of the letter; a long stroke of a large letter (the arc of an O) does not.
        var box = glyph.Value.Box;
        double Outside(Pt p) => Math.Max(Math.Max(box.Left - p.X, p.X - box.Right), Math.Max(box.Top - p.Y, p.Y - box.Bottom));
        if (Math.Max(Outside(stub.A), Outside(stub.B)) < box.Height * 0.5)
        {
            for (var y = box.Top; y < box.Bottom; y++)
                for (var x = box.Left; x < box.Right; x++)
                    if (componentIds.At<int>(y, x) == glyph.Value.Id) componentIds.Set(y, x, componentId);
            nextId--;
            return null;
        }
        strokes.Clear();
        strokes.Add(stub);
        return glyph;
    }

    /// <summary>The glyph a group of strokes of a line-art component makes: the component's pixels nearer to those
    /// strokes than to any other line get a fresh id and are read alone. Null when the group is no glyph's size, is
    /// a letter far below <paramref name="charH"/> (the drawing's letter height), or reads as no character in
    /// <paramref name="accepted"/> surely enough (letters from
    /// <paramref name="minConfidence"/>; signs, one or two bars that any kink in a bond resembles, from 0.7).</summary>
    internal static (int Id, Rect Box)? Cut(Mat componentIds, int componentId, List<Segment> members, List<Segment> segments,
        double bondLength, double stroke, double charH, GlyphClassifier classifier, string accepted, double minConfidence, ref int nextId)
    {
        var pts = members.SelectMany(s => new[] { s.A, s.B }).ToList();
        double x0 = pts.Min(p => p.X) - stroke, x1 = pts.Max(p => p.X) + stroke;
        double y0 = pts.Min(p => p.Y) - stroke, y1 = pts.Max(p => p.Y) + stroke;
        var size = Math.Max(x1 - x0, y1 - y0);
        if (size > bondLength * 0.7 || size < bondLength * 0.12) return null;
        var box = new Rect((int)x0, (int)y0, (int)(x1 - x0) + 1, (int)(y1 - y0) + 1)
            & new Rect(0, 0, componentIds.Width, componentIds.Height);
        // The glyph's own pixels: those of the component nearer to the cluster's strokes than to any other line
        // (the bond the letter touches runs on into the box and would spoil the glyph's shape).
        var others = segments.Where(s => !members.Contains(s)).ToList();
        var mine = new List<(int X, int Y)>();
        for (var y = box.Top; y < box.Bottom; y++)
            for (var x = box.Left; x < box.Right; x++)
            {
                if (componentIds.At<int>(y, x) != componentId) continue;
                var p = new Pt(x, y);
                var near = members.Min(s => SegmentDistance(s, p));
                if (others.Count == 0 || near <= others.Min(s => SegmentDistance(s, p))) mine.Add((x, y));
            }
        if (mine.Count == 0) return null;
        var tight = new Rect(mine.Min(m => m.X), mine.Min(m => m.Y), 0, 0);
        tight.Width = mine.Max(m => m.X) - tight.X + 1;
        tight.Height = mine.Max(m => m.Y) - tight.Y + 1;
        using var crop = new Mat(tight.Height, tight.Width, MatType.CV_8UC1, Scalar.All(0));
        foreach (var (x, y) in mine) crop.Set(y - tight.Y, x - tight.X, (byte)255);
        var (ch, confidence) = classifier.Classify(GlyphFeatures.FromCrop(crop));
        if (!accepted.Contains(ch) || confidence < (ch is '+' or '-' ? Math.Max(0.7, minConfidence) : minConfidence)) return null;
        // A letter much smaller than the drawing's letters is a corner of the line art (signs are small by nature);
        // a sign as long as a letter is tall is a kinked stretch of bond (a 1-bit staircase).
        if (char.IsLetter(ch) && tight.Height < charH * 0.6) return null;
        if (ch is '+' or '-' && charH > 0 && Math.Max(tight.Width, tight.Height) > charH * 0.9) return null;
        var id = nextId++;
        foreach (var (x, y) in mine) componentIds.Set(y, x, id);
        return (id, tight);
    }

    private static double SegmentDistance(Segment s, Pt p)
    {
        var t = Math.Clamp(s.Project(p), 0, s.Length);
        return Geometry.Distance(s.A + s.Direction * t, p);
    }
}
