using System.Text.RegularExpressions;
using System.Xml.Linq;
using Sieve.Agents.Reports;
using Sieve.Chemistry.Smiles;
using Sieve.Markush.Matching;

namespace Sieve.Agents.Tests;

/// <summary>End to end on the shipped samples: the pipeline's report and its three renderings.</summary>
public partial class ReportTests
{
    private static readonly Lazy<InfringementReport> Celecoxib = new(() => Samples.Report("coxib-diarylpyrazole", Samples.Celecoxib));
    private static readonly Lazy<InfringementReport> Heptyl = new(() => Samples.Report("coxib-diarylpyrazole", Samples.HeptylAtR2));

    [Fact]
    public void Celecoxib_is_covered_by_claim_1_with_claim_3_the_narrowest()
    {
        var r = Celecoxib.Value;
        Assert.Equal(Verdict.Covered, r.Verdict);
        Assert.Equal("SAMPLE-COX-001", r.Patent.Number);
        Assert.Equal("C17H14F3N3O2S", r.Molecule.Formula);
        Assert.Equal("Cc1ccc(-c2cc(C(F)(F)F)nn2-c2ccc(S(N)(=O)=O)cc2)cc1", r.Molecule.CanonicalSmiles);
        var claim = Assert.Single(r.Claims);
        Assert.Equal(1, claim.Claim);
        Assert.Equal(Verdict.Covered, claim.Verdict);
        Assert.Equal(3, claim.NarrowestCoveringClaim);
        Assert.Contains(claim.Dependents, d => d.Claim == 3 && d.Verdict == Verdict.Covered);
        Assert.Equal(["R1", "R2", "R3"], claim.RGroups.Select(g => g.Label));
        Assert.All(claim.RGroups, g => Assert.Equal(Fit.Yes, g.Status));
        var r2 = claim.RGroups.Single(g => g.Label == "R2");
        Assert.Equal("*C", r2.Substituent);
        Assert.Equal("C1-C4 alkyl", r2.MatchedAlternative);
        Assert.Equal("R2 is selected from the group consisting of hydrogen, halogen, C1-C4 alkyl and C1-C4 alkoxy", r2.Definition);
        Assert.Contains("claim 1: covered accepted", r.VerifierNotes);
        Assert.Equal(Samples.When, r.GeneratedAt);
        Assert.Equal(["claims", "markush", "match", "verify", "write"], r.Steps.Select(s => s.Step));
    }

    [Fact]
    public void Celecoxib_R_group_evidence_is_in_markdown_html_and_json()
    {
        var r = Celecoxib.Value;
        var md = MarkdownReportRenderer.Render(r);
        Assert.StartsWith("# Infringement report", md, StringComparison.Ordinal);
        Assert.True(md.IndexOf("**Verdict: Covered**", StringComparison.Ordinal) < md.IndexOf("## Molecule", StringComparison.Ordinal));
        Assert.Contains("| R2 | `*C` | satisfied | C1-C4 alkyl |  | R2 is selected from the group consisting of hydrogen, halogen, C1-C4 alkyl and C1-C4 alkoxy |", md);
        Assert.Contains("| R1 | `*C(F)(F)F` | satisfied | trifluoromethyl |", md);
        Assert.Contains("| 1 | covered | 3 |", md);

        var html = HtmlReportRenderer.Render(r);
        Assert.Contains("<td>R2</td><td><code>*C</code></td><td class=\"yes\">satisfied</td><td>C1-C4 alkyl</td>", html);
        Assert.Contains("aminosulfonyl", html);

        var json = JsonReportRenderer.Render(r);
        Assert.Contains("\"label\": \"R2\"", json);
        Assert.Contains("\"matchedAlternative\": \"C1-C4 alkyl\"", json);
        Assert.Contains("\"status\": \"yes\"", json);
        Assert.Contains("\"narrowestCoveringClaim\": 3", json);
    }

    [Fact]
    public void Heptyl_at_R2_is_not_covered_and_the_report_says_why()
    {
        var r = Heptyl.Value;
        Assert.Equal(Verdict.NotCovered, r.Verdict);
        var claim = Assert.Single(r.Claims);
        Assert.Equal(Verdict.NotCovered, claim.Verdict);
        Assert.Null(claim.NarrowestCoveringClaim);
        var r2 = claim.RGroups.Single(g => g.Label == "R2");
        Assert.Equal(Fit.No, r2.Status);
        Assert.Equal("*CCCCCCC", r2.Substituent);
        Assert.False(string.IsNullOrWhiteSpace(r2.Reason));
        Assert.StartsWith("Not covered", r.Summary, StringComparison.Ordinal);
        Assert.Contains("claim 1: R2 = *CCCCCCC is outside its definition", r.Summary);

        var md = MarkdownReportRenderer.Render(r);
        Assert.Contains("**Verdict: Not covered**", md);
        Assert.Contains("7 carbons in the chain, outside C1-4", r2.Reason);
        Assert.Contains($"| R2 | `*CCCCCCC` | not satisfied | – | {r2.Reason} | R2 is selected from", md);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(r2.Reason!), HtmlReportRenderer.Render(r));
    }

    [Fact]
    public void Highlighted_atoms_of_scaffold_and_molecule_are_the_same_elements()
    {
        foreach (var r in new[] { Celecoxib.Value, Heptyl.Value })
        {
            var claim = r.Claims[0];
            var scaffold = SmilesReader.Read(claim.Scaffold.Structure);
            var molecule = SmilesReader.Read(r.Molecule.Depiction.Structure);
            Assert.Equal(17, claim.ScaffoldToMolecule.Count);
            foreach (var p in claim.ScaffoldToMolecule)
                Assert.Equal(scaffold.Atoms[p.Scaffold].Element, molecule.Atoms[p.Molecule].Element);
            Assert.Equal(claim.ScaffoldToMolecule.Select(p => p.Molecule).Order(), claim.Molecule.HighlightAtoms);
            Assert.Equal(claim.ScaffoldToMolecule.Select(p => p.Scaffold).Order(), claim.Scaffold.HighlightAtoms);
            Assert.Contains("<svg", claim.Molecule.Svg);
        }
    }

    [Fact]
    public void Html_is_well_formed_and_every_svg_parses_as_xml()
    {
        var html = HtmlReportRenderer.Render(Celecoxib.Value);
        var svgs = SvgBlock().Matches(html);
        Assert.Equal(2, svgs.Count);
        foreach (Match m in svgs) Assert.Equal("svg", XElement.Parse(m.Value).Name.LocalName);
        // The page is written XHTML-compatible, so the whole document parses as XML too.
        var doc = XDocument.Parse(html.Replace("<!DOCTYPE html>", "", StringComparison.Ordinal));
        Assert.Equal("html", doc.Root!.Name.LocalName);
    }

    [Fact]
    public void Html_is_self_contained()
    {
        foreach (var r in new[] { Celecoxib.Value, Heptyl.Value })
        {
            var html = HtmlReportRenderer.Render(r);
            // The only URL allowed is the SVG namespace name, which is an identifier, never fetched.
            var urls = Url().Matches(html).Select(m => m.Value).Distinct().ToList();
            Assert.All(urls, u => Assert.Equal("http://www.w3.org/2000/svg", u));
            Assert.DoesNotMatch(ExternalRef(), html);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("<style>", html);
        }
    }

    [Fact]
    public void Json_round_trips()
    {
        foreach (var r in new[] { Celecoxib.Value, Heptyl.Value })
        {
            var json = JsonReportRenderer.Render(r);
            var back = JsonReportRenderer.Parse(json);
            Assert.Equal(json, JsonReportRenderer.Render(back));
            Assert.Equal(r.Verdict, back.Verdict);
            Assert.Equal(r.GeneratedAt, back.GeneratedAt);
            Assert.Equal(r.Claims[0].Molecule.Svg, back.Claims[0].Molecule.Svg);
            Assert.Equal(r.Claims[0].RGroups, back.Claims[0].RGroups);
            // Everything the HTML shows comes from the report, so the parsed copy renders the same page.
            Assert.Equal(HtmlReportRenderer.Render(r), HtmlReportRenderer.Render(back));
            Assert.Equal(MarkdownReportRenderer.Render(r), MarkdownReportRenderer.Render(back));
        }
    }

    [Fact]
    public void Output_is_deterministic_apart_from_the_clock()
    {
        var a = Samples.Report("coxib-diarylpyrazole", Samples.Celecoxib);
        var b = Samples.Report("coxib-diarylpyrazole", Samples.Celecoxib);
        Assert.Equal(JsonReportRenderer.Render(a), JsonReportRenderer.Render(b));
        Assert.Equal(HtmlReportRenderer.Render(a), HtmlReportRenderer.Render(b));
        var later = a with { GeneratedAt = Samples.When.AddHours(1) };
        Assert.NotEqual(MarkdownReportRenderer.Render(a), MarkdownReportRenderer.Render(later));
        Assert.Contains("2026-01-02 03:04:05 UTC", MarkdownReportRenderer.Render(a));
    }

    [Fact]
    public void A_salt_is_stripped_and_named_and_highlights_land_on_the_parent()
    {
        var r = Samples.Report("coxib-diarylpyrazole", "[Na+].Cc1ccc(-c2cc(C(F)(F)F)nn2-c2ccc(S([NH-])(=O)=O)cc2)cc1");
        Assert.Equal(Verdict.Covered, r.Verdict);
        Assert.Equal(["[Na+]"], r.Molecule.SaltsStripped);
        var molecule = SmilesReader.Read(r.Molecule.Depiction.Structure);
        var scaffold = SmilesReader.Read(r.Claims[0].Scaffold.Structure);
        Assert.DoesNotContain(0, r.Claims[0].Molecule.HighlightAtoms);
        foreach (var p in r.Claims[0].ScaffoldToMolecule)
            Assert.Equal(scaffold.Atoms[p.Scaffold].Element, molecule.Atoms[p.Molecule].Element);
        Assert.Contains("salts stripped | [Na+]", MarkdownReportRenderer.Render(r));
    }

    [GeneratedRegex(@"<svg\b.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgBlock();

    [GeneratedRegex(@"(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s""'<>)]*")]
    private static partial Regex Url();

    [GeneratedRegex(@"(?i)\b(src|href)\s*=\s*[""']?\s*(https?:|//|file:|data:)|url\(\s*['""]?\s*(https?:|//)|@import")]
    private static partial Regex ExternalRef();
}
