using OpenCvSharp;

namespace Sieve.Ocsr.Labels;

/// <summary>One drawn label: its text, where it is (working pixels) and how sure the glyph reader was.</summary>
internal sealed record DrawnLabel(string Text, Rect Box, double Confidence, IReadOnlyList<int> ComponentIds)
{
    /// <summary>Set when the stroke was placed as an iodine symbol (see <see cref="IodineStroke"/>).</summary>
    public bool IsIodine { get; init; }

    /// <summary>The label as read with its doubtful glyphs' runners-up, where that is another label the parser
    /// knows (an N that read as H: "N"); the assembler takes it when the atom's bonds rule the reading out.</summary>
    public string? Alternative { get; init; }

    /// <summary>A lone stroke read as a glyph ('-', 'l', '1', '/') is a short bond line, not a label.</summary>
    public bool IsStroke => !IsIodine && Text is "-" or "l" or "I" or "1" or "/" or "\\" or "+" or "Il";
}

/// <summary>Groups glyph components into labels (side by side or stacked, like <c>NH</c> with the H below) and
/// reads each: glyph classes from <see cref="GlyphClassifier"/>, case and sub/superscript from glyph heights.</summary>
internal static class LabelReader
{
    private const string LoneGlyphExcluded = "Cabegmnrtuy";

    public static List<DrawnLabel> Read(Mat componentIds, IReadOnlyList<(int Id, Rect Box)> glyphs, GlyphClassifier classifier)
    {
        if (glyphs.Count == 0) return [];
        var heights = glyphs.Select(g => g.Box.Height).Order().ToList();
        double charH = heights[heights.Count * 3 / 4];

        // Dots of i and j: a small piece right above another glyph belongs to it.
        var parts = glyphs.Select(g => (Ids: new List<int> { g.Id }, g.Box)).ToList();
        for (var i = 0; i < parts.Count; i++)
        {
            var dot = parts[i];
            if (dot.Box.Height > charH * 0.35 || dot.Box.Width > charH * 0.35) continue;
            var host = parts.FindIndex(p => p.Box != dot.Box && p.Box.Height > charH * 0.5
                && dot.Box.Bottom <= p.Box.Top + 1 && p.Box.Top - dot.Box.Bottom < charH * 0.4
                && dot.Box.Left >= p.Box.Left - 2 && dot.Box.Right <= p.Box.Right + 2);
            if (host < 0) continue;
            parts[host] = (parts[host].Ids.Concat(dot.Ids).ToList(), parts[host].Box | dot.Box);
            parts.RemoveAt(i);
            i = -1;
        }

        // Labels: glyphs closer than a fraction of a character height, side by side or stacked.
        var parent = Enumerable.Range(0, parts.Count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        for (var i = 0; i < parts.Count; i++)
            for (var j = i + 1; j < parts.Count; j++)
            {
                Rect a = parts[i].Box, b = parts[j].Box;
                var gapX = Math.Max(a.Left, b.Left) - Math.Min(a.Right, b.Right);
                var gapY = Math.Max(a.Top, b.Top) - Math.Min(a.Bottom, b.Bottom);
                // Charges and subscripts are small and sit above or below the letters' band.
                var small = Math.Min(a.Height, b.Height) < charH * 0.7;
                var sideBySide = gapX < charH * 0.45 && (gapY < -Math.Min(a.Height, b.Height) * 0.2 || small && gapY < charH * 0.25);
                var stacked = gapY < charH * 0.35 && gapX < -Math.Min(a.Width, b.Width) * 0.3;
                if (sideBySide || stacked) parent[Find(i)] = Find(j);
            }

        var labels = new List<DrawnLabel>();
        foreach (var group in Enumerable.Range(0, parts.Count).GroupBy(Find))
        {
            var members = group.Select(i => parts[i]).ToList();
            // A label of one glyph is never a bare C (carbon goes unlabelled) nor a lower-case letter.
            var excluded = members.Count == 1 ? LoneGlyphExcluded : null;
            var features = members.Select(p => Features(componentIds, p.Ids, p.Box)).ToList();
            var read = members.Select((p, i) => (p.Box, Result: classifier.Rank(features[i], excluded))).ToList();
            var label = Compose(read) with { ComponentIds = members.SelectMany(p => p.Ids).Distinct().ToList() };
            if (members.Count == 1 && LoneCarbon(label, classifier.Rank(features[0], null)))
                label = label with { Text = "C", Alternative = null };
            // A bar glued to a label that is none with it ("-NH2", "O-H", "B-r") is a stroke of the bond drawn to it
            // (a hashed wedge's last stroke): the label is read without it and the bar goes back as a stroke.
            var bars = Enumerable.Range(0, read.Count).Where(i => read[i].Result.Char == '-').ToList();
            if (bars.Count > 0 && bars.Count < read.Count && LabelParser.Parse(label.Text) is null)
            {
                var rest = Enumerable.Range(0, read.Count).Except(bars).ToList();
                var without = Compose([.. rest.Select(i => read[i])]) with { ComponentIds = [.. rest.SelectMany(i => members[i].Ids).Distinct()] };
                if (LabelParser.Parse(without.Text) is not null)
                {
                    labels.Add(without);
                    labels.AddRange(bars.Select(i => Compose([read[i]]) with { ComponentIds = members[i].Ids }));
                    continue;
                }
            }
            labels.Add(label);
        }
        return labels;
    }

    /// <summary>A lone glyph that is a C after all: drawings label a carbon only where it would otherwise vanish
    /// (the middle of N=C=S, a straight line of two double bonds). Barred from lone glyphs, its C then reads as
    /// some letter that is no element (L, G); when the glyph unbarred reads best as C, it is that C.</summary>
    private static bool LoneCarbon(DrawnLabel label, (char Char, double Confidence, char RunnerUp) unbarred) =>
        unbarred.Char == 'C' && LabelParser.Parse(label.Text) is null or { IsMarkush: true };

    private static GlyphFeatures Features(Mat componentIds, List<int> ids, Rect box)
    {
        using var crop = new Mat(box.Height, box.Width, MatType.CV_8UC1, Scalar.All(0));
        for (var y = 0; y < box.Height; y++)
            for (var x = 0; x < box.Width; x++)
                if (ids.Contains(componentIds.At<int>(box.Top + y, box.Left + x)))
                    crop.Set(y, x, (byte)255);
        return GlyphFeatures.FromCrop(crop);
    }

    /// <summary>Text in reading order: rows top to bottom, left to right in a row; small glyphs that are letters
    /// only in lower case, digits and charges placed by their size.</summary>
    private static DrawnLabel Compose(List<(Rect Box, (char Char, double Confidence, char RunnerUp) Result)> glyphs)
    {
        var letters = glyphs.Where(g => char.IsLetter(g.Result.Char) || g.Result.Char == '0').ToList();
        double capH = (letters.Count > 0 ? letters : glyphs).Max(g => g.Box.Height);
        // Rows: the tall glyphs decide where rows are; small ones (subscripts, charges) join the nearest row.
        var tall = glyphs.Where(g => g.Box.Height >= capH * 0.75).OrderBy(g => g.Box.Top).ToList();
        var rowTops = new List<double>();
        foreach (var g in tall)
            if (rowTops.Count == 0 || g.Box.Top - rowTops[^1] > capH * 0.6) rowTops.Add(g.Box.Top);
        int Row((Rect Box, (char, double, char)) g) =>
            Enumerable.Range(0, rowTops.Count).MinBy(r => Math.Abs(g.Box.Top + g.Box.Height / 2.0 - (rowTops[r] + capH / 2)));
        var ordered = glyphs.OrderBy(g => Row(g)).ThenBy(g => g.Box.Left).ToList();
        var text = new System.Text.StringBuilder();
        // Doubtful glyphs (a noisy O that reads as C, a small R as P): where they are and what else they may be.
        var doubtful = new List<(int At, char Other)>();
        // Each row's baseline: where its capitals end. A digit ending well above it is raised.
        var baseline = tall.GroupBy(g => Row(g)).ToDictionary(r => r.Key, r => r.Max(g => g.Box.Bottom));
        for (var i = 0; i < ordered.Count; i++)
        {
            var (box, (ch, confidence, runnerUp)) = ordered[i];
            var small = box.Height < capH * 0.78;
            var c = Place(ch, small, text);
            if (confidence < DoubtfulBelow && runnerUp != ch) doubtful.Add((text.Length, Place(runnerUp, small, text)));
            if (char.IsAsciiDigit(c) && small && IsIsotope(ordered, i, baseline, Row, capH)) c = Superscript(c);
            text.Append(c);
        }
        var labelBox = glyphs.Select(g => g.Box).Aggregate((a, b) => a | b);
        if (Environment.GetEnvironmentVariable("SIEVE_OCSR_TRACE") is "3")
            Console.Error.WriteLine($"label '{text}': " + string.Join(" ", ordered.Select(g => $"{g.Result.Char}/{g.Result.RunnerUp}({g.Result.Confidence:F2})@{g.Box.X},{g.Box.Y},{g.Box.Width}x{g.Box.Height}")));
        var known = Repair(Known(text.ToString(), doubtful));
        return new DrawnLabel(known, labelBox, glyphs.Average(g => g.Result.Confidence), []) { Alternative = Alternative(known, doubtful) };
    }

    /// <summary>A mass number: a small digit raised above its row's baseline, in a run of such digits that a
    /// letter of the same row follows (¹³C, H¹⁸O, ²H). Subscripts (H counts) sit low and follow their letter.</summary>
    private static bool IsIsotope(List<(Rect Box, (char Char, double, char) Result)> ordered, int i,
        Dictionary<int, int> baseline, Func<(Rect Box, (char, double, char)), int> row, double capH)
    {
        bool Raised(int k) => baseline.TryGetValue(row(ordered[k]), out var b) && ordered[k].Box.Bottom < b - capH * 0.2;
        var j = i;
        while (j < ordered.Count && char.IsAsciiDigit(ordered[j].Result.Char) && Raised(j) && row(ordered[j]) == row(ordered[i])) j++;
        return j > i && j < ordered.Count && row(ordered[j]) == row(ordered[i]) && char.IsLetter(ordered[j].Result.Char)
            && ordered[j].Box.Height >= capH * 0.78;
    }

    private static char Superscript(char digit) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[digit - '0'];

    /// <summary>Below this confidence a glyph's runner-up is tried when the label as read is not one the parser
    /// knows (or is one nobody draws).</summary>
    private const double DoubtfulBelow = 0.62;

    /// <summary>A glyph's character in its place: case and sub/superscript from its size and the text before it.</summary>
    private static char Place(char ch, bool small, System.Text.StringBuilder text)
    {
        var c = ch;
        if (small && c is 'C' or 'O' or 'S' or 'X' or 'Z') c = char.ToLowerInvariant(c);
        if (c == '0') c = small ? 'o' : 'O';   // labels never hold a zero; the round glyph is a letter
        if (small && c is 'T' or 't' or 'x' or 'X' && text.Length > 0) c = '+';   // a small cross after letters is a charge
        if (!small && c is '1' or 'I' or 'l')
            c = text.Length > 0 && text[^1] == 'C' ? 'l' : text.Length > 0 && text[^1] == 'R' ? '1' : c == 'l' ? 'I' : c;
        if (small && c is 'l' or 'I' or 'i') c = '1';
        return c;
    }

    /// <summary>Glyphs whose reading depends on the word around them: a small x or t after letters is a '+' in
    /// <c>N+</c> but a letter in <c>nHex</c>; a P with its tail below the line is a p in <c>nHept</c>; a small + in noise reads as a 4 (<c>N4</c> is no label, <c>N+</c> is).</summary>
    private static readonly Dictionary<char, char> Alternatives = new() { ['+'] = 'x', ['P'] = 'p', ['p'] = 'P', ['4'] = '+' };

    /// <summary>Labels that parse but that drawings do not carry: carbon goes unlabelled, so a 'CH' is an 'OH' whose
    /// O read as C.</summary>
    private static readonly HashSet<string> Undrawn = ["CH", "HC"];

    /// <summary>The text as read when the label parser knows it; otherwise the first reading with some ambiguous
    /// glyphs swapped for their alternatives, or doubtful glyphs for their runners-up, that it knows; or the text as
    /// read when none is.</summary>
    internal static string Known(string text, List<(int At, char Other)> doubtful)
    {
        var undrawn = Undrawn.Contains(text);
        if (!undrawn && LabelParser.Parse(text) is not null) return text;
        var ambiguous = Enumerable.Range(0, text.Length).Where(i => Alternatives.ContainsKey(text[i]))
            .Select(i => (At: i, Other: Alternatives[text[i]])).Take(4).ToList();
        // In a 'CH' the doubtful C is an O even when its runner-up is another round letter (G, D).
        var swaps = undrawn ? [.. doubtful.Select(d => text[d.At] == 'C' ? (d.At, 'O') : d)] : doubtful;
        return FirstKnownSwap(text, ambiguous) ?? FirstKnownSwap(text, swaps.Take(4).ToList()) ?? text;
    }

    /// <summary>The first reading with some doubtful glyphs swapped for their runners-up that is another label the
    /// parser knows, or null.</summary>
    internal static string? Alternative(string text, List<(int At, char Other)> doubtful) =>
        FirstKnownSwap(text, [.. doubtful.Where(d => d.At < text.Length).Take(4)]);

    /// <summary>The first text, over every subset of <paramref name="choices"/> applied, that differs from
    /// <paramref name="text"/>, is a label the parser knows and is not one drawings never carry; null when none is.</summary>
    private static string? FirstKnownSwap(string text, List<(int At, char Other)> choices)
    {
        for (var mask = 1; mask < 1 << choices.Count; mask++)
        {
            var chars = text.ToCharArray();
            for (var k = 0; k < choices.Count; k++)
                if ((mask & 1 << k) != 0) chars[choices[k].At] = choices[k].Other;
            var candidate = new string(chars);
            if (candidate != text && !Undrawn.Contains(candidate) && LabelParser.Parse(candidate) is not null) return candidate;
        }
        return null;
    }

    /// <summary>Readings that are almost certainly one glyph misread.</summary>
    private static string Repair(string text) => text switch
    {
        "C1" or "CI" or "Ci" => "Cl",   // a slightly turned l picks up a dot of its anti-aliasing and reads as i
        "8r" or "Bt" => "Br",
        "NT" or "OT" or "St" or "Nt" => text[..1] + "+",   // a '+' that touches the letter reads as a T
        _ => text,
    };
}
