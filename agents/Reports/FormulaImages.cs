using System.Globalization;
using Sieve.Markush.Model;
using Sieve.Markush.Package;

namespace Sieve.Agents.Reports;

/// <summary>The report's account of drawn formulas: which formulas came from images, what was read and how sure the
/// reader was. A reading is never dropped: a low-confidence one is used and flagged, an unreadable one is listed with
/// its reason and leaves the claims that cite it undetermined (the matcher has no scaffold to match).</summary>
public static partial class FormulaImages
{
    /// <summary>Readings below this confidence are flagged in the report ("check the drawing"). OCSR's confidence is
    /// the mean certainty of the labels it read, lowered for labels it could not parse (×0.3) and for atoms it left
    /// over-valent (×0.7): a clean drawing reads at 0.9 or more, and either penalty takes a reading below 0.8.</summary>
    public const double LowConfidenceBelow = 0.8;

    /// <summary>Drawings larger than this are not embedded in the report (it stays a page, not an archive).</summary>
    public const long MaxEmbeddedBytes = 2L * 1024 * 1024;

    public static IReadOnlyList<FormulaImageSection> From(PatentPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return [.. package.Drawings.Select(d => Section(package, d))];
    }

    /// <summary>For a claim's section: where its formula came from, when that was a drawing (null for text).</summary>
    public static string? SourceOf(IReadOnlyList<FormulaImageSection> images, string formula) =>
        images.FirstOrDefault(i => i.Formula == formula && i.Smiles is not null) is { } i
            ? $"read from the drawing {i.File} (confidence {Confidence(i.Confidence)}" + (i.LowConfidence ? $", below {Confidence(LowConfidenceBelow)}: check the drawing)" : ")")
            : null;

    /// <summary>For a claim's section: why its formula has no structure, when its drawing could not be read.</summary>
    public static string? FailureOf(IReadOnlyList<FormulaImageSection> images, string formula) =>
        images.FirstOrDefault(i => i.Formula == formula && i.Smiles is null) is { } i
            ? $"formula ({formula}) is only drawn ({i.File}) and the drawing could not be read: {i.Failure}"
            : null;

    public static string Confidence(double c) => c.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A Markush variable drawn as a label: R, R1, R', R1a, X, Y, Z (with an index) or Ar — the attachment
    /// points a reader of the report checks first, so the drawing marks them apart from element labels.</summary>
    public static bool IsVariableLabel(string label) => VariableLabel().IsMatch(label);

    [System.Text.RegularExpressions.GeneratedRegex(@"^(R\d*[a-z]?['′″]*|[XYZ]\d*|Ar\d*)$")]
    private static partial System.Text.RegularExpressions.Regex VariableLabel();

    /// <summary>The labelled atoms of a drawing, variables first, as "R1 (120, 85)" in image pixels.</summary>
    public static IEnumerable<string> LabelledAtoms(DrawingLayout layout) =>
        layout.Atoms.Where(a => a.Label.Length > 0)
            .OrderBy(a => IsVariableLabel(a.Label) ? 0 : 1).ThenBy(a => a.Label, StringComparer.Ordinal)
            .Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Label} ({a.X:0}, {a.Y:0})"));

    private static FormulaImageSection Section(PatentPackage package, DrawnFormula d)
    {
        var claims = package.Claims.Claims.Where(c => c.Kind == ClaimKind.Compound && c.FormulaName == d.Name).Select(c => c.Number).ToList();
        var cited = claims.Count == 0 ? "no claim cites it" : $"claim(s) {string.Join(", ", claims)}";
        var low = d.Smiles is not null && d.Confidence < LowConfidenceBelow;
        var note = d.Smiles is null
            ? $"nothing could be read from {d.File} ({d.Failure}); {cited} citing formula ({d.Name}) cannot be decided and stay undetermined"
            : low
                ? $"read with low confidence ({Confidence(d.Confidence)}, below {Confidence(LowConfidenceBelow)}): the structure may be misread, so check it against the drawing before relying on the verdicts of {cited}"
                : null;
        return new FormulaImageSection(d.Name, d.File, d.Smiles, d.Confidence, low, d.Failure, claims, note,
            Embed(Path.Combine(package.Directory, d.File)), d.Smiles is null ? null : Depictions.DrawSmiles(d.Smiles, []),
            d.Smiles is null ? null : d.Layout);
    }

    /// <summary>The drawing as a data URI for the self-contained HTML; TIFF (which browsers do not show), files too
    /// large and files that vanished are not embedded.</summary>
    private static string? Embed(string path)
    {
        var mime = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".bmp" => "image/bmp",
            _ => null,
        };
        if (mime is null) return null;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxEmbeddedBytes) return null;
            return $"data:{mime};base64,{Convert.ToBase64String(File.ReadAllBytes(path))}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
