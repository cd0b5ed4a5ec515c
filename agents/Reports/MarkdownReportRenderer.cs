using System.Text;

namespace Sieve.Agents.Reports;

/// <summary>report.md: verdict first, then the molecule, then one section per independent claim with tables.
/// Drawings are in the HTML and JSON; Markdown names the highlighted atoms instead.</summary>
public static class MarkdownReportRenderer
{
    public static string Render(InfringementReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var s = new StringBuilder();
        s.Append("# Infringement report: ").Append(Md(ReportText.PatentTitle(r.Patent))).Append("\n\n");
        s.Append("**Verdict: ").Append(ReportText.Upper(r.Verdict)).Append("**\n\n");
        s.Append(Md(r.Summary)).Append("\n\n");
        if (r.Narrative is { Length: > 0 } prose)
            s.Append("## Narrative\n\n*Written by the model; the verdicts in this report come from tool evidence the verifier accepted.*\n\n")
             .AppendJoin("\n\n", prose.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Md)).Append("\n\n");

        s.Append("## Patent\n\n| field | value |\n| --- | --- |\n");
        Row(s, "number", r.Patent.Number); Row(s, "title", r.Patent.Title); Row(s, "assignee", r.Patent.Assignee);
        Row(s, "priority date", r.Patent.PriorityDate); Row(s, "publication date", r.Patent.PublicationDate);
        Row(s, "folder", r.Patent.Folder); Row(s, "notes", r.Patent.Notes);

        FormulaImagesTable(s, r.FormulaImages);

        s.Append("\n## Molecule\n\n| field | value |\n| --- | --- |\n");
        Row(s, "input", r.Molecule.Input); Row(s, "canonical SMILES", Code(r.Molecule.CanonicalSmiles));
        Row(s, "formula", r.Molecule.Formula); Row(s, "matched as", Code(r.Molecule.MatchedSmiles));
        Row(s, "salts stripped", r.Molecule.SaltsStripped.Count == 0 ? "none" : string.Join(", ", r.Molecule.SaltsStripped));
        if (r.Molecule.Neutralized.Count > 0) Row(s, "neutralised", string.Join("; ", r.Molecule.Neutralized));

        s.Append("\n## Claims\n\n| claim | verdict | narrowest covering claim |\n| --- | --- | --- |\n");
        foreach (var c in r.Claims)
            s.Append("| ").Append(c.Claim).Append(" | ").Append(ReportText.VerdictCell(c.Verdict, c.Proposed)).Append(" | ")
             .Append(c.NarrowestCoveringClaim?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–").Append(" |\n");

        foreach (var c in r.Claims) Claim(s, c);

        s.Append("\n## Not checked\n\n");
        s.Append("- species claims not checked: ").Append(r.SpeciesClaimsNotChecked.Count == 0 ? "none" : string.Join(", ", r.SpeciesClaimsNotChecked)).Append('\n');
        if (r.ClaimsWithoutStructure.Count > 0)
            s.Append("- compound claims without a readable structure: ").Append(string.Join(", ", r.ClaimsWithoutStructure)).Append('\n');
        foreach (var p in r.Problems) s.Append("- patent package problem: ").Append(Md(p)).Append('\n');

        s.Append("\n## Verifier\n\n");
        foreach (var n in r.VerifierNotes) s.Append("- ").Append(Md(n)).Append('\n');

        s.Append("\n## Steps\n\n| step | outcome |\n| --- | --- |\n");
        foreach (var st in r.Steps) s.Append("| ").Append(st.Step).Append(" | ").Append(Md(st.Outcome)).Append(" |\n");

        s.Append("\n---\nGenerated ").Append(ReportText.Timestamp(r.GeneratedAt)).Append(" by Sieve ").Append(Md(r.SieveVersion)).Append(".\n");
        return s.ToString();
    }

    private static void Claim(StringBuilder s, ClaimSection c)
    {
        s.Append("\n## Claim ").Append(c.Claim).Append(": ").Append(ReportText.VerdictCell(c.Verdict, c.Proposed)).Append("\n\n");
        s.Append(Md(c.Summary)).Append("\n\n");
        if (c.Rejection is { } why) s.Append("Verifier: ").Append(Md(why)).Append("\n\n");
        s.Append("Formula (").Append(Md(c.Formula)).Append(')');
        if (c.FormulaSource is { } source) s.Append(", ").Append(Md(source));
        s.Append(": `").Append(c.Scaffold.Structure.Replace("`", "'", StringComparison.Ordinal)).Append('`').Append("; ")
         .Append(c.EmbeddingsTried).Append(" embedding(s) tried");
        if (c.Choices.Count > 0) s.Append("; choices: ").Append(Md(string.Join(", ", c.Choices)));
        s.Append(".\n\n");
        if (c.ScaffoldToMolecule.Count > 0)
            s.Append("Scaffold atoms matched (scaffold → molecule): ")
             .Append(string.Join(", ", c.ScaffoldToMolecule.Select(p => $"{p.Scaffold}→{p.Molecule}")))
             .Append(c.RepeatCopyAtoms.Count > 0 ? $"; further repeat-unit copies → {string.Join(", ", c.RepeatCopyAtoms)}" : "").Append("\n\n");

        if (c.RGroups.Count > 0)
        {
            s.Append("| R-group | substituent | satisfied | as | why not | claim definition |\n| --- | --- | --- | --- | --- | --- |\n");
            foreach (var g in c.RGroups)
                s.Append("| ").Append(Md(g.Label)).Append(" | ").Append(Code(g.Substituent)).Append(" | ").Append(g.StatusText)
                 .Append(" | ").Append(Md(g.Status == Sieve.Markush.Matching.Fit.Yes ? g.MatchedAlternative ?? "–" : "–")).Append(" | ").Append(Md(g.Status == Sieve.Markush.Matching.Fit.Yes ? "" : g.Reason ?? ""))
                 .Append(" | ").Append(Md(g.Definition ?? "–")).Append(" |\n");
            s.Append('\n');
        }
        foreach (var p in c.ScaffoldProblems) s.Append("- scaffold: ").Append(Md(p)).Append('\n');
        if (c.Unparsed.Count > 0)
        {
            s.Append("Claim text that mattered but was not read:\n\n");
            foreach (var u in c.Unparsed) s.Append("- ").Append(Md(u)).Append('\n');
            s.Append('\n');
        }
        if (c.Dependents.Count > 0)
        {
            s.Append("| dependent claim | verdict | summary |\n| --- | --- | --- |\n");
            foreach (var d in c.Dependents)
                s.Append("| ").Append(d.Claim).Append(" | ").Append(ReportText.VerdictCell(d.Verdict, d.Proposed)).Append(" | ").Append(Md(d.Summary)).Append(" |\n");
        }
    }

    /// <summary>Formulas the package only draws: what OCSR read, how sure it was, and what a weak or failed reading
    /// means for the claims.</summary>
    private static void FormulaImagesTable(StringBuilder s, IReadOnlyList<FormulaImageSection> images)
    {
        if (images.Count == 0) return;
        s.Append("\n## Formulas read from drawings\n\n")
         .Append("Read by Sieve's OCSR; a confidence below ").Append(FormulaImages.Confidence(FormulaImages.LowConfidenceBelow))
         .Append(" is flagged. Labelled atoms are given where they were read on the drawing (x, y in image pixels).\n\n")
         .Append("| formula | file | read as | confidence | labelled atoms | cited by claims | note |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var i in images)
        {
            var labelled = i.Layout is { } layout ? string.Join("; ", FormulaImages.LabelledAtoms(layout)) : "";
            s.Append("| ").Append(Md(i.Formula)).Append(" | ").Append(Code(i.File)).Append(" | ")
             .Append(i.Smiles is { } smi ? Code(smi) : "not read").Append(" | ")
             .Append(i.Smiles is null ? "–" : FormulaImages.Confidence(i.Confidence) + (i.LowConfidence ? " (low)" : "")).Append(" | ")
             .Append(labelled.Length > 0 ? Md(labelled) : "–").Append(" | ")
             .Append(i.Claims.Count == 0 ? "–" : string.Join(", ", i.Claims)).Append(" | ")
             .Append(Md(i.Note ?? "")).Append(" |\n");
        }
    }

    private static void Row(StringBuilder s, string field, string? value)
    {
        if (value is null) return;
        s.Append("| ").Append(field).Append(" | ").Append(value.StartsWith('`') ? value : Md(value)).Append(" |\n");
    }

    private static string Code(string text) => "`" + text.Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal) + "`";

    /// <summary>Keeps table cells intact: pipes escaped, newlines folded.</summary>
    private static string Md(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
