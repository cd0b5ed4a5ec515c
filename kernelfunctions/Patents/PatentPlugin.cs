using System.ComponentModel;
using Microsoft.SemanticKernel;
using Sieve.KernelFunctions.Paths;
using Sieve.Markush.Model;

namespace Sieve.KernelFunctions.Patents;

/// <summary>Reads patents: bibliographic data and the claim tree. Files are read only under the allowed root given
/// at construction; paths in requests (or in claim text) cannot reach anything else.</summary>
public sealed class PatentPlugin(AllowedRoot root)
{
    public const string PluginName = "patent";

    /// <summary>Characters of claim text shown per claim.</summary>
    public const int ExcerptLength = 200;

    private readonly AllowedRoot _root = root ?? throw new ArgumentNullException(nameof(root));

    [KernelFunction("read_patent")]
    [Description("Reads a patent: number, title, assignee and every claim (number, kind compound/species/other, independent or the claims it depends on, drawn formula cited, first 200 characters). Accepts a patent folder (claims.txt + formulas/ + patent.json), a .txt claims file or a .pdf.")]
    [return: Description("{source, number, title, assignee, formulas, claims: [{number, kind, independent, dependsOn, formula, text, textTruncated}], problems}")]
    public PatentSummary ReadPatent(
        [Description("Path of the patent folder, .txt or .pdf, relative to the allowed root, e.g. 'samples/patents/coxib-diarylpyrazole'.")] string path) =>
        Summarise(PatentSource.Open(_root, path, nameof(path)));

    [KernelFunction("read_claims_text")]
    [Description("Parses claims given as plain text (numbered paragraphs '1. …', '2. …') into the same claim list as read_patent. No formulas are available from text, so compound claims cannot be matched from here.")]
    [return: Description("{source, claims: [{number, kind, independent, dependsOn, formula, text, textTruncated}], problems}")]
    public static PatentSummary ReadClaimsText(
        [Description("The claims as plain text.")] string text) =>
        Summarise(PatentSource.FromText(text, "claims text", nameof(text)));

    internal static PatentSummary Summarise(PatentSource s) => new(
        s.Kind, s.Info.Number, s.Info.Title, s.Info.Assignee,
        s.Formulas.Keys.Order(StringComparer.Ordinal).ToList(),
        s.Claims.Claims.Select(Summarise).ToList(),
        s.Problems);

    private static ClaimSummary Summarise(Claim c)
    {
        var cut = c.Text.Length > ExcerptLength;
        return new ClaimSummary(c.Number, KindText(c.Kind), c.IsIndependent, c.DependsOn, c.FormulaName,
            cut ? c.Text[..ExcerptLength] + "…" : c.Text, cut);
    }

    internal static string KindText(ClaimKind kind) => kind switch
    {
        ClaimKind.Compound => "compound",
        ClaimKind.Species => "species",
        _ => "other",
    };
}
