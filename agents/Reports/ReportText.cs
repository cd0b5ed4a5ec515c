using Sieve.Markush.Matching;

namespace Sieve.Agents.Reports;

/// <summary>Small wording shared by the Markdown and HTML renderers.</summary>
internal static class ReportText
{
    public static string Upper(Verdict v)
    {
        var t = v.ToText();
        return char.ToUpperInvariant(t[0]) + t[1..];
    }

    public static string Timestamp(DateTimeOffset t) =>
        t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    public static string PatentTitle(PatentSection p) => p.Number is { } n ? $"{n}" + (p.Title is { } t ? $": {t}" : "") : p.Folder;

    public static string VerdictCell(Verdict verdict, Verdict proposed) =>
        verdict == proposed ? verdict.ToText() : $"{verdict.ToText()} (proposed {proposed.ToText()}, rejected)";
}
