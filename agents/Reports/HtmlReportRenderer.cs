using System.Globalization;
using System.Net;
using System.Text;
using Sieve.Markush.Matching;
using Sieve.Markush.Package;

namespace Sieve.Agents.Reports;

/// <summary>report.html: one self-contained page (inline CSS, inline SVG, no scripts, no external resources),
/// verdict first. Every text is HTML-encoded; the SVGs come from the chemistry core's writer.</summary>
public static class HtmlReportRenderer
{
    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1d2330;line-height:1.45}
        h1{font-size:1.5em;margin:0 0 .4em}h2{font-size:1.2em;margin:1.6em 0 .5em;border-bottom:1px solid #dde1e8;padding-bottom:.2em}
        .verdict{display:inline-block;font-weight:700;font-size:1.3em;padding:.25em .8em;border-radius:6px;margin:.3em 0}
        .covered{background:#fde2e1;color:#9b1c1c}.notcovered{background:#def7e5;color:#14632e}.undetermined{background:#fff4d6;color:#7a5200}
        .badge{font-weight:600;padding:.05em .5em;border-radius:4px}
        table{border-collapse:collapse;margin:.5em 0 1em;width:100%}th,td{border:1px solid #dde1e8;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#f3f5f8;white-space:nowrap}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em;word-break:break-all}
        .figs{display:flex;flex-wrap:wrap;align-items:flex-start;gap:16px;margin:.6em 0}figure{margin:0;border:1px solid #dde1e8;border-radius:6px;padding:8px;background:#fff}
        figure svg{display:block;max-width:500px;height:auto}figcaption{font-size:.85em;color:#556;margin-top:4px}
        .muted{color:#667}.yes{color:#14632e}.no{color:#9b1c1c}.unknown{color:#7a5200}footer{margin-top:2em;font-size:.85em;color:#667}
        """;

    public static string Render(InfringementReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var s = new StringBuilder();
        s.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>Infringement report: ")
         .Append(E(ReportText.PatentTitle(r.Patent))).Append("</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n");
        s.Append("<h1>Infringement report: ").Append(E(ReportText.PatentTitle(r.Patent))).Append("</h1>\n");
        s.Append("<div class=\"verdict ").Append(Class(r.Verdict)).Append("\">").Append(E(ReportText.Upper(r.Verdict))).Append("</div>\n");
        s.Append("<p>").Append(E(r.Summary)).Append("</p>\n");
        if (r.Narrative is { Length: > 0 } prose)
        {
            s.Append("<h2>Narrative</h2>\n<p class=\"muted\">Written by the model; the verdicts in this report come from tool evidence the verifier accepted.</p>\n");
            foreach (var para in prose.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                s.Append("<p>").Append(E(para)).Append("</p>\n");
        }

        s.Append("<h2>Patent</h2>\n<table>\n");
        Row(s, "number", r.Patent.Number); Row(s, "title", r.Patent.Title); Row(s, "assignee", r.Patent.Assignee);
        Row(s, "priority date", r.Patent.PriorityDate); Row(s, "publication date", r.Patent.PublicationDate);
        Row(s, "folder", r.Patent.Folder); Row(s, "notes", r.Patent.Notes);
        s.Append("</table>\n");

        FormulaImagesSection(s, r.FormulaImages);

        s.Append("<h2>Molecule</h2>\n<table>\n");
        Row(s, "input", r.Molecule.Input);
        RowHtml(s, "canonical SMILES", Code(r.Molecule.CanonicalSmiles));
        Row(s, "formula", r.Molecule.Formula);
        RowHtml(s, "matched as", Code(r.Molecule.MatchedSmiles));
        Row(s, "salts stripped", r.Molecule.SaltsStripped.Count == 0 ? "none" : string.Join(", ", r.Molecule.SaltsStripped));
        if (r.Molecule.Neutralized.Count > 0) Row(s, "neutralised", string.Join("; ", r.Molecule.Neutralized));
        s.Append("</table>\n");

        s.Append("<h2>Claims</h2>\n<table>\n<tr><th>claim</th><th>verdict</th><th>narrowest covering claim</th></tr>\n");
        foreach (var c in r.Claims)
            s.Append("<tr><td><a href=\"#claim-").Append(c.Claim).Append("\">").Append(c.Claim).Append("</a></td><td>")
             .Append(Badge(c.Verdict, c.Proposed)).Append("</td><td>").Append(c.NarrowestCoveringClaim?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–")
             .Append("</td></tr>\n");
        s.Append("</table>\n");

        foreach (var c in r.Claims) Claim(s, c);

        s.Append("<h2>Not checked</h2>\n<ul>\n<li>species claims not checked: ")
         .Append(E(r.SpeciesClaimsNotChecked.Count == 0 ? "none" : string.Join(", ", r.SpeciesClaimsNotChecked))).Append("</li>\n");
        if (r.ClaimsWithoutStructure.Count > 0)
            s.Append("<li>compound claims without a readable structure: ").Append(E(string.Join(", ", r.ClaimsWithoutStructure))).Append("</li>\n");
        foreach (var p in r.Problems) s.Append("<li>patent package problem: ").Append(E(p)).Append("</li>\n");
        s.Append("</ul>\n");

        s.Append("<h2>Verifier</h2>\n<ul>\n");
        foreach (var n in r.VerifierNotes) s.Append("<li>").Append(E(n)).Append("</li>\n");
        s.Append("</ul>\n");

        s.Append("<h2>Steps</h2>\n<table>\n<tr><th>step</th><th>outcome</th></tr>\n");
        foreach (var st in r.Steps) s.Append("<tr><td>").Append(E(st.Step)).Append("</td><td>").Append(E(st.Outcome)).Append("</td></tr>\n");
        s.Append("</table>\n");

        s.Append("<footer>Generated ").Append(E(ReportText.Timestamp(r.GeneratedAt))).Append(" by Sieve ").Append(E(r.SieveVersion))
         .Append(".</footer>\n</body>\n</html>\n");
        return s.ToString();
    }

    private static void Claim(StringBuilder s, ClaimSection c)
    {
        s.Append("<h2 id=\"claim-").Append(c.Claim).Append("\">Claim ").Append(c.Claim).Append(": ").Append(Badge(c.Verdict, c.Proposed)).Append("</h2>\n");
        s.Append("<p>").Append(E(c.Summary)).Append("</p>\n");
        if (c.Rejection is { } why) s.Append("<p class=\"no\">Verifier: ").Append(E(why)).Append("</p>\n");
        s.Append("<div class=\"figs\">\n");
        Figure(s, c.Scaffold, $"Formula ({c.Formula}){(c.FormulaSource is { } src ? ", " + src : "")}, matched scaffold atoms highlighted");
        Figure(s, c.Molecule, c.ScaffoldToMolecule.Count > 0 ? "Molecule, atoms matched by the scaffold highlighted" : "Molecule (the scaffold does not occur)");
        s.Append("</div>\n");
        s.Append("<p class=\"muted\">").Append(c.EmbeddingsTried).Append(" embedding(s) tried");
        if (c.Choices.Count > 0) s.Append("; choices: ").Append(E(string.Join(", ", c.Choices)));
        s.Append(".</p>\n");
        if (c.RGroups.Count > 0)
        {
            s.Append("<table>\n<tr><th>R-group</th><th>substituent</th><th>satisfied</th><th>as</th><th>why not</th><th>claim definition</th></tr>\n");
            foreach (var g in c.RGroups)
                s.Append("<tr><td>").Append(E(g.Label)).Append("</td><td>").Append(Code(g.Substituent))
                 .Append("</td><td class=\"").Append(g.Status.ToString().ToLowerInvariant()).Append("\">").Append(E(g.StatusText))
                 .Append("</td><td>").Append(E(g.Status == Fit.Yes ? g.MatchedAlternative ?? "–" : "–"))
                 .Append("</td><td>").Append(E(g.Status == Fit.Yes ? "" : g.Reason ?? ""))
                 .Append("</td><td class=\"muted\">").Append(E(g.Definition ?? "–")).Append("</td></tr>\n");
            s.Append("</table>\n");
        }
        if (c.ScaffoldProblems.Count > 0)
        {
            s.Append("<ul>\n");
            foreach (var p in c.ScaffoldProblems) s.Append("<li>scaffold: ").Append(E(p)).Append("</li>\n");
            s.Append("</ul>\n");
        }
        if (c.Unparsed.Count > 0)
        {
            s.Append("<p>Claim text that mattered but was not read:</p>\n<ul>\n");
            foreach (var u in c.Unparsed) s.Append("<li>").Append(E(u)).Append("</li>\n");
            s.Append("</ul>\n");
        }
        if (c.Dependents.Count > 0)
        {
            s.Append("<table>\n<tr><th>dependent claim</th><th>verdict</th><th>summary</th></tr>\n");
            foreach (var d in c.Dependents)
                s.Append("<tr><td>").Append(d.Claim).Append("</td><td>").Append(Badge(d.Verdict, d.Proposed)).Append("</td><td>").Append(E(d.Summary)).Append("</td></tr>\n");
            s.Append("</table>\n");
        }
    }

    /// <summary>Each drawn formula: the drawing itself (embedded as a data URI, so the page stays self-contained)
    /// next to the structure OCSR recognised, with the SMILES, the confidence and what it means for the claims.</summary>
    private static void FormulaImagesSection(StringBuilder s, IReadOnlyList<FormulaImageSection> images)
    {
        if (images.Count == 0) return;
        s.Append("<h2>Formulas read from drawings</h2>\n<p class=\"muted\">Read by Sieve's OCSR; a confidence below ")
         .Append(FormulaImages.Confidence(FormulaImages.LowConfidenceBelow)).Append(" is flagged.</p>\n");
        foreach (var i in images)
        {
            s.Append("<div class=\"figs\">\n<figure>\n")
             .Append(i.Image is { } uri ? Drawing(uri, i.File, i.Layout) : "<p class=\"muted\">(drawing not embedded)</p>")
             .Append("\n<figcaption>").Append(E($"Formula ({i.Formula}) as drawn: {i.File}")).Append("</figcaption>\n</figure>\n");
            if (i.Recognised is { } rec) Figure(s, rec, $"Formula ({i.Formula}) as read, confidence {FormulaImages.Confidence(i.Confidence)}");
            s.Append("</div>\n<table>\n");
            RowHtml(s, "read as", i.Smiles is { } smi ? Code(smi) : "<span class=\"no\">not read</span>");
            if (i.Smiles is not null)
                RowHtml(s, "confidence", $"<span class=\"{(i.LowConfidence ? "unknown" : "yes")}\">{E(FormulaImages.Confidence(i.Confidence) + (i.LowConfidence ? " (low)" : ""))}</span>");
            Row(s, "cited by claims", i.Claims.Count == 0 ? "none" : string.Join(", ", i.Claims));
            if (i.Note is { } note) RowHtml(s, "note", $"<span class=\"{(i.Smiles is null ? "no" : "unknown")}\">{E(note)}</span>");
            s.Append("</table>\n");
        }
    }

    /// <summary>The embedded drawing with what the reader found marked over it, in the image's own pixel frame:
    /// Markush variables (R1, X, Ar …) ringed in orange, other labels (N, OH …) in blue, implicit carbons as small
    /// grey dots; each mark's tooltip names the atom and where it was read. Without a layout, the drawing alone.</summary>
    private static string Drawing(string uri, string file, DrawingLayout? layout)
    {
        var img = $"<img src=\"{E(uri)}\" alt=\"{E(file)}\" style=\"display:block;max-width:500px;height:auto\"/>";
        if (layout is not { Width: > 0, Height: > 0 } || layout.Atoms.Count == 0) return img;
        var r = Math.Max(layout.Width, layout.Height) * 0.03;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"atom-marks\" viewBox=\"0 0 {layout.Width} {layout.Height}\" preserveAspectRatio=\"none\" ")
           .Append("style=\"position:absolute;left:0;top:0;width:100%;height:100%\">");
        foreach (var a in layout.Atoms)
        {
            var (radius, style, name) = a.Label.Length == 0
                ? (r * 0.25, "fill=\"#888\" fill-opacity=\"0.6\"", "carbon")
                : FormulaImages.IsVariableLabel(a.Label)
                    ? (r * 1.2, "fill=\"#e67e22\" fill-opacity=\"0.15\" stroke=\"#e67e22\" stroke-width=\"" + (r * 0.25).ToString("0.#", CultureInfo.InvariantCulture) + "\"", a.Label)
                    : (r, "fill=\"none\" stroke=\"#2e86c1\" stroke-width=\"" + (r * 0.15).ToString("0.#", CultureInfo.InvariantCulture) + "\"", a.Label);
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"atom\" data-label=\"{E(a.Label)}\" cx=\"{a.X:0.#}\" cy=\"{a.Y:0.#}\" r=\"{radius:0.#}\" {style}>")
               .Append("<title>").Append(E(string.Create(CultureInfo.InvariantCulture, $"{name} read at ({a.X:0}, {a.Y:0})"))).Append("</title></circle>");
        }
        svg.Append("</svg>");
        return $"<div style=\"position:relative;display:inline-block;max-width:500px\">{img}{svg}</div>";
    }

    private static void Figure(StringBuilder s, Depiction d, string caption)
    {
        s.Append("<figure>\n").Append(d.Svg.Length > 0 ? StripXmlDeclaration(d.Svg) : "<p class=\"muted\">(no drawing)</p>")
         .Append("\n<figcaption>").Append(E(caption)).Append("</figcaption>\n</figure>\n");
    }

    /// <summary>An XML declaration is not allowed inside HTML; the svg element itself is kept as written.</summary>
    private static string StripXmlDeclaration(string svg)
    {
        var t = svg.TrimStart();
        if (t.StartsWith("<?xml", StringComparison.Ordinal)) t = t[(t.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart();
        return t.TrimEnd();
    }

    private static string Badge(Verdict v, Verdict proposed) =>
        $"<span class=\"badge {Class(v)}\">{E(ReportText.VerdictCell(v, proposed))}</span>";

    private static string Class(Verdict v) => v switch
    {
        Verdict.Covered => "covered",
        Verdict.NotCovered => "notcovered",
        _ => "undetermined",
    };

    private static void Row(StringBuilder s, string field, string? value)
    {
        if (value is not null) RowHtml(s, field, E(value));
    }

    private static void RowHtml(StringBuilder s, string field, string html) =>
        s.Append("<tr><th>").Append(E(field)).Append("</th><td>").Append(html).Append("</td></tr>\n");

    private static string Code(string text) => "<code>" + E(text) + "</code>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
