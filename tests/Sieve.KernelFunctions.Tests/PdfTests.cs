using Microsoft.SemanticKernel;
using Sieve.KernelFunctions.Patents;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Sieve.KernelFunctions.Tests;

/// <summary>Claims handed over as a PDF: PdfPig extracts the text, the claim parser reads it. The PDF is written
/// here with PdfPig's builder, one claim line per text line, as a patent PDF lays them out.</summary>
public sealed class PdfTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("sieve-kf-pdf-");

    public void Dispose() => _root.Delete(true);

    private static readonly string[] ClaimLines =
    [
        "What is claimed is:",
        "1. A compound of formula (I) wherein R1 is methyl or ethyl;",
        "and R2 is hydrogen or chloro; or a pharmaceutically acceptable salt thereof.",
        "2. The compound of claim 1, wherein R1 is methyl.",
        "3. A pharmaceutical composition comprising the compound of claim 1.",
    ];

    private string WritePdf(string name, IEnumerable<string> lines)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(595, 842);
        var y = 800.0;
        foreach (var line in lines)
        {
            page.AddText(line, 10, new PdfPoint(40, y), font);
            y -= 20;
        }
        var path = Path.Combine(_root.FullName, name);
        File.WriteAllBytes(path, builder.Build());
        return path;
    }

    [Fact]
    public async Task Claims_in_a_PDF_are_read_into_the_claim_tree()
    {
        WritePdf("claims.pdf", ClaimLines);
        var kernel = TestKernel.Create(_root.FullName);
        var p = await TestKernel.Invoke<PatentSummary>(kernel, "patent", "read_patent", new() { ["path"] = "claims.pdf" });
        Assert.Equal("pdf", p.Source);
        Assert.Equal([1, 2, 3], p.Claims.Select(c => c.Number));
        Assert.Equal(("compound", true, "I"), (p.Claims[0].Kind, p.Claims[0].Independent, p.Claims[0].Formula));
        Assert.Contains("R2 is hydrogen or chloro", p.Claims[0].Text, StringComparison.Ordinal);
        Assert.Equal([1], p.Claims[1].DependsOn);
        Assert.Equal("other", p.Claims[2].Kind);
        Assert.Contains(p.Problems, x => x.Contains("drawn formulas are not available", StringComparison.Ordinal));

        var m = await TestKernel.Invoke<Markush.MarkushClaims>(kernel, "markush", "parse_claims", new() { ["path"] = "claims.pdf" });
        Assert.Equal(["methyl", "ethyl"], m.Claims[0].Definitions["R1"]);
        Assert.Equal(["methyl"], m.Claims[1].Definitions["R1"]);
    }

    [Fact]
    public async Task A_file_that_is_not_a_PDF_or_has_no_text_is_refused()
    {
        await File.WriteAllTextAsync(Path.Combine(_root.FullName, "fake.pdf"), "this is not a pdf");
        WritePdf("blank.pdf", []);
        var kernel = TestKernel.Create(_root.FullName);
        var bad = await TestKernel.Refused(kernel, "patent", "read_patent", new() { ["path"] = "fake.pdf" });
        Assert.Equal("path", bad.Parameter);
        Assert.Contains("not a readable PDF", bad.Problem, StringComparison.Ordinal);
        var blank = await TestKernel.Refused(kernel, "patent", "read_patent", new() { ["path"] = "blank.pdf" });
        Assert.Contains("no extractable text", blank.Problem, StringComparison.Ordinal);
    }
}
