using System.Globalization;

namespace Sieve.Ocsr.Labels;

/// <summary>Nearest-neighbour glyph recogniser over templates rendered from the fonts drawings use
/// (Glyphs/glyphs.tsv, rebuilt by scripts/ocsr/make_glyphs.py). Letters whose lower and upper case differ only in
/// size (c, o, s, x, z) come back upper case; <see cref="LabelReader"/> decides the case from the glyph's height.</summary>
internal sealed class GlyphClassifier
{
    private const string FoldedCase = "cosxz";
    private readonly List<(char Char, double LogAspect, byte[] Cell)> _templates = [];

    public static GlyphClassifier Default { get; } = Load();

    private static GlyphClassifier Load()
    {
        var classifier = new GlyphClassifier();
        using var stream = typeof(GlyphClassifier).Assembly.GetManifestResourceStream("Sieve.Ocsr.glyphs.tsv")
            ?? throw new InvalidOperationException("the glyph templates (Sieve.Ocsr.glyphs.tsv) are not embedded");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split('\t');
            if (parts.Length != 3 || parts[2].Length != GlyphFeatures.CellSide * GlyphFeatures.CellSide) continue;
            var ch = parts[0][0];
            if (FoldedCase.Contains(ch)) ch = char.ToUpperInvariant(ch);
            var cell = parts[2].Select(c => (byte)Convert.ToInt32(c.ToString(), 16)).ToArray();
            classifier._templates.Add((ch, Math.Log(double.Parse(parts[1], CultureInfo.InvariantCulture)), cell));
        }
        return classifier;
    }

    /// <summary>The best character and a confidence in [0, 1] from how much nearer it is than the best other one.</summary>
    public (char Char, double Confidence) Classify(GlyphFeatures glyph) => Classify(glyph, null);

    /// <summary>As <see cref="Classify(GlyphFeatures)"/>, but a character in <paramref name="excluded"/> is never
    /// the answer (the reader knows it cannot stand there).</summary>
    public (char Char, double Confidence) Classify(GlyphFeatures glyph, string? excluded)
    {
        var (ch, confidence, _) = Rank(glyph, excluded);
        return (ch, confidence);
    }

    /// <summary>As <see cref="Classify(GlyphFeatures, string?)"/>, with the nearest other character as well (the
    /// reader tries it where a doubtful glyph leaves a label it does not know).</summary>
    public (char Char, double Confidence, char RunnerUp) Rank(GlyphFeatures glyph, string? excluded)
    {
        var logAspect = Math.Log(glyph.Aspect);
        var best = new Dictionary<char, double>();
        foreach (var (ch, la, cell) in _templates)
        {
            double d = 0;
            for (var i = 0; i < cell.Length; i++)
            {
                var diff = cell[i] - glyph.Cell[i];
                d += diff * diff;
            }
            // Aspect separates shapes the 16x16 cell normalises away ('-' from 'l', 'I' from '1' partly).
            var da = (la - logAspect) * 60;
            d += da * da;
            if (excluded is not null && excluded.Contains(ch)) continue;
            if (!best.TryGetValue(ch, out var b) || d < b) best[ch] = d;
        }
        var ranked = best.OrderBy(kv => kv.Value).Take(2).ToList();
        var first = ranked[0];
        var confidence = ranked.Count < 2 ? 1.0 : 1.0 - Math.Sqrt(first.Value) / Math.Max(Math.Sqrt(ranked[1].Value), 1e-9);
        return (first.Key, Math.Clamp(0.5 + confidence, 0, 1), ranked.Count < 2 ? first.Key : ranked[1].Key);
    }
}
