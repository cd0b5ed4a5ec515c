namespace Sieve.Agents.Reports;

/// <summary>The report formats a user can ask for.</summary>
[Flags]
public enum ReportFormats
{
    None = 0,
    Markdown = 1,
    Html = 2,
    Json = 4,
    All = Markdown | Html | Json,
}

/// <summary>Writes report.md / report.html / report.json into a folder (created when missing).</summary>
public static class ReportWriter
{
    public static IReadOnlyList<string> Write(InfringementReport report, string directory, ReportFormats formats)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        void Put(string name, string text)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, text, new System.Text.UTF8Encoding(false));
            written.Add(path);
        }
        if (formats.HasFlag(ReportFormats.Markdown)) Put("report.md", MarkdownReportRenderer.Render(report));
        if (formats.HasFlag(ReportFormats.Html)) Put("report.html", HtmlReportRenderer.Render(report));
        if (formats.HasFlag(ReportFormats.Json)) Put("report.json", JsonReportRenderer.Render(report));
        return written;
    }

    /// <summary>report-&lt;patent folder&gt;-&lt;first 8 hex of SHA-256 of the canonical SMILES&gt;: the same molecule
    /// (however written) against the same patent gets the same folder name.</summary>
    public static string FolderName(InfringementReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(report.Molecule.CanonicalSmiles)))[..8];
        return $"report-{report.Patent.Folder}-{hash}";
    }

    /// <summary>Reads "md,html,json" (any order, any case); throws <see cref="ArgumentException"/> on an unknown name.</summary>
    public static ReportFormats ParseFormats(string text)
    {
        var f = ReportFormats.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            f |= part.ToLowerInvariant() switch
            {
                "md" or "markdown" => ReportFormats.Markdown,
                "html" => ReportFormats.Html,
                "json" => ReportFormats.Json,
                _ => throw new ArgumentException($"unknown report format '{part}' (use md, html, json)"),
            };
        if (f == ReportFormats.None) throw new ArgumentException("no report format given (use md, html, json)");
        return f;
    }
}
