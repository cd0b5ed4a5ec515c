using System.Text.Json;
using Sieve.Agents.Batch;
using Sieve.Agents.PatentFinder;
using Sieve.Agents.Reports;
using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Smiles;
using Sieve.Cli;
using Sieve.Cli.Commands;
using Sieve.Markush.Matching;
using Sieve.Markush.Package;

namespace Sieve.Agents.Tests;

/// <summary>A formula given only as a drawing (formulas/I.png) is read through OCSR by <c>sieve report</c> and
/// <c>sieve batch</c>, and the report says which formulas came from images, what was read and how sure the reader was;
/// an unreadable drawing is named with its reason and leaves the claims citing it undetermined.</summary>
[Collection(Sieve.Agents.Tests.Models.ChatBackendRegistryCollection.Name)]
public sealed class FormulaImageReportTests : CommandScratch
{
    private const string Drawn = "benzodiazepinone-drawn";
    private const string Diazepam = "CN1C(=O)CN=C(c2ccccc2)c2cc(Cl)ccc21";

    private int Cli(params string[] args) => SieveCommandLine.Run(args, Terminal);

    /// <summary>What the drawing shows, as written by samples/patents/_tools/draw_formulas.py (RDKit's CXSMILES).</summary>
    private static string Truth() =>
        File.ReadLines(Path.Combine(Samples.Root, "_tools", "drawn.tsv")).Skip(1).Select(l => l.Split('\t'))
            .Single(f => f[0] == Drawn && f[1] == "I")[3];

    private static string Canonical(string cxsmiles) => CanonicalSmiles.OfWithExtensions(SmilesReader.Read(cxsmiles));

    [Fact]
    public void Report_on_a_package_with_only_a_drawn_formula_reads_it_and_shows_file_smiles_and_confidence()
    {
        var outDir = Path.Combine(Dir, "r");
        Assert.Equal(ExitCodes.Ok, Cli("report", "--patent", Samples.Patent(Drawn), "--molecule", Diazepam, "--out", outDir));
        Assert.StartsWith("Covered: claim 1 covers the molecule; the narrowest covering dependent claim is 3", Out.ToString(), StringComparison.Ordinal);

        var json = JsonReportRenderer.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        var image = Assert.Single(json.FormulaImages);
        Assert.Equal("I", image.Formula);
        Assert.Equal("formulas/I.png", image.File);
        Assert.Equal(Canonical(Truth()), Canonical(image.Smiles!));
        Assert.InRange(image.Confidence, FormulaImages.LowConfidenceBelow, 1.0);
        Assert.False(image.LowConfidence);
        Assert.Null(image.Failure);
        Assert.Equal([1, 2, 3, 4], image.Claims);
        Assert.StartsWith("data:image/png;base64,", image.Image, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Samples.Patent(Drawn), "formulas", "I.png")),
            Convert.FromBase64String(image.Image!["data:image/png;base64,".Length..]));
        Assert.Contains("<svg", image.Recognised!.Svg, StringComparison.Ordinal);
        Assert.StartsWith("read from the drawing formulas/I.png (confidence ", json.Claims[0].FormulaSource, StringComparison.Ordinal);

        var md = File.ReadAllText(Path.Combine(outDir, "report.md"));
        var confidence = FormulaImages.Confidence(image.Confidence);
        Assert.Contains("## Formulas read from drawings", md, StringComparison.Ordinal);
        Assert.Contains($"| I | `formulas/I.png` | `{image.Smiles!.Replace("|", "\\|", StringComparison.Ordinal)}` | {confidence} | R1 (", md, StringComparison.Ordinal);
        Assert.Contains(" | 1, 2, 3, 4 |", md, StringComparison.Ordinal);
        Assert.Contains($"Formula (I), read from the drawing formulas/I.png (confidence {confidence}):", md, StringComparison.Ordinal);

        var html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Contains("<h2>Formulas read from drawings</h2>", html, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"{image.Image}\"", html, StringComparison.Ordinal);
        Assert.Contains($"Formula (I) as read, confidence {confidence}", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drawn_formula_carries_where_each_atom_was_read_and_the_html_marks_the_R_labels_on_the_drawing()
    {
        var outDir = Path.Combine(Dir, "r");
        Assert.Equal(ExitCodes.Ok, Cli("report", "--patent", Samples.Patent(Drawn), "--molecule", Diazepam, "--out", outDir));
        var image = Assert.Single(JsonReportRenderer.Parse(File.ReadAllText(Path.Combine(outDir, "report.json"))).FormulaImages);
        var layout = image.Layout!;
        // The frame is the file's own pixels: the PNG header's width and height.
        var png = File.ReadAllBytes(Path.Combine(Samples.Patent(Drawn), "formulas", "I.png"));
        Assert.Equal((System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))),
            (layout.Width, layout.Height));
        // One position per atom read (the SMILES' heavy atoms), every one inside the drawing.
        Assert.Equal(SmilesReader.Read(image.Smiles!).AtomCount, layout.Atoms.Count);
        Assert.All(layout.Atoms, a => Assert.True(a.X >= 0 && a.X < layout.Width && a.Y >= 0 && a.Y < layout.Height, $"{a.Label} at ({a.X}, {a.Y})"));
        Assert.Equal(["N", "N", "O", "R1", "R2", "R3"], layout.Atoms.Where(a => a.Label.Length > 0).Select(a => a.Label).Order());
        // R1 sits on the ring N's outside (the drawing's left), R2 above the benzo ring's top right.
        var r1 = layout.Atoms.Single(a => a.Label == "R1");
        var n1 = layout.Atoms.Where(a => a.Label == "N").MinBy(a => Math.Abs(a.Y - r1.Y) + Math.Abs(a.X - r1.X))!;
        Assert.InRange(Math.Sqrt((r1.X - n1.X) * (r1.X - n1.X) + (r1.Y - n1.Y) * (r1.Y - n1.Y)), 20, 120);

        var html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Contains($"<svg class=\"atom-marks\" viewBox=\"0 0 {layout.Width} {layout.Height}\"", html, StringComparison.Ordinal);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"data-label=\"R1\" cx=\"{r1.X:0.#}\" cy=\"{r1.Y:0.#}\""), html, StringComparison.Ordinal);
        Assert.Contains("<title>R1 read at (", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_formula_given_as_text_has_no_marks_to_draw()
    {
        var outDir = Path.Combine(Dir, "r");
        Assert.Equal(ExitCodes.Ok, Cli("report", "--patent", Samples.Patent("coxib-diarylpyrazole"), "--molecule", "Cc1ccc(cc1)-c1cc(nn1-c1ccc(cc1)S(N)(=O)=O)C(F)(F)F", "--out", outDir));
        Assert.Empty(JsonReportRenderer.Parse(File.ReadAllText(Path.Combine(outDir, "report.json"))).FormulaImages);
        Assert.DoesNotContain("atom-marks", File.ReadAllText(Path.Combine(outDir, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_drawing_is_named_with_its_reason_and_its_claim_is_undetermined_not_missing()
    {
        // Claim 1 cites a drawing with no ink; claim 2, a formula given as text, does not cover the molecule.
        var pkg = Package(Path.Combine(Dir, "p"), "1. A compound of formula (I) wherein R1 is methyl.\n\n2. A compound of formula (II) wherein R2 is chloro.\n",
            ("II.cxsmi", "*c1ccncc1 |$R2;;;;;;$|\n"));
        BlankPng(Path.Combine(pkg, "formulas", "I.png"));

        var outDir = Path.Combine(Dir, "r");
        Assert.Equal(ExitCodes.Ok, Cli("report", "--patent", pkg, "--molecule", "Cc1ccccc1", "--out", outDir));
        var r = JsonReportRenderer.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        // Claim 2 alone would say "not covered"; the unread claim 1 might cover, so the answer is undetermined.
        Assert.Equal(Verdict.Undetermined, r.Verdict);
        var claim1 = r.Claims.Single(c => c.Claim == 1);
        Assert.Equal(Verdict.Undetermined, claim1.Verdict);
        Assert.Equal(Verdict.NotCovered, r.Claims.Single(c => c.Claim == 2).Verdict);
        Assert.Equal("formula (I) is only drawn (formulas/I.png) and the drawing could not be read: no ink: the image is blank", claim1.Unparsed[0]);
        Assert.Equal("Undetermined: formula (I) has no structure to match.", claim1.Summary);
        Assert.Contains("claim 1: formula (I) is only drawn (formulas/I.png) and the drawing could not be read", r.Summary, StringComparison.Ordinal);
        var image = Assert.Single(r.FormulaImages);
        Assert.Null(image.Smiles);
        Assert.Equal("no ink: the image is blank", image.Failure);
        Assert.Contains("claim(s) 1 citing formula (I) cannot be decided and stay undetermined", image.Note, StringComparison.Ordinal);

        var md = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.Contains("| I | `formulas/I.png` | not read | – | – | 1 | nothing could be read from formulas/I.png (no ink: the image is blank)", md, StringComparison.Ordinal);
        Assert.Contains("<span class=\"no\">not read</span>", File.ReadAllText(Path.Combine(outDir, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_no_image_is_reported_as_unreadable_with_the_decoder_reason()
    {
        var pkg = Package(Path.Combine(Dir, "p"), "1. A compound of formula (I) wherein R1 is methyl.\n", ("I.png", "not a picture"));
        var r = new PatentFinderPipeline(new FixedClock(Samples.When)).Run(pkg, MoleculeSource.Read("Cc1ccccc1"));
        Assert.Equal(Verdict.Undetermined, r.Verdict);
        Assert.Equal(Verdict.Undetermined, Assert.Single(r.Claims).Verdict);
        Assert.StartsWith("not an image OpenCV can decode", Assert.Single(r.FormulaImages).Failure, StringComparison.Ordinal);
    }

    /// <summary>OCSR's confidence is the input here, so a reader that reports 0.5 stands in for a hard drawing.</summary>
    private sealed class UnsureReader(string smiles) : IFormulaImageReader
    {
        public FormulaImage Read(string path) => new(smiles, 0.5, null);
    }

    [Fact]
    public void A_low_confidence_reading_is_used_and_flagged_in_every_format_never_dropped()
    {
        var pkg = Package(Path.Combine(Dir, "p"), "1. A compound of formula (I) wherein R1 is methyl.\n", ("I.png", "(pixels)"));
        var package = PatentPackage.Load(pkg, new UnsureReader("*c1ccccc1 |$R1;;;;;;$|"));
        var markush = PatentFinderSteps.ReadMarkush(PatentFinderSteps.ReadClaims(package));
        var verified = PatentFinderSteps.Verify(PatentFinderSteps.Match(markush, SmilesReader.Read("Cc1ccccc1")));
        var r = ReportBuilder.Build(verified, MoleculeSource.Read("Cc1ccccc1"), [], new FixedClock(Samples.When));

        Assert.Equal(Verdict.Covered, r.Verdict);
        var image = Assert.Single(r.FormulaImages);
        Assert.True(image.LowConfidence);
        Assert.Equal("read with low confidence (0.50, below 0.80): the structure may be misread, so check it against the drawing before relying on the verdicts of claim(s) 1", image.Note);
        Assert.Equal("read from the drawing formulas/I.png (confidence 0.50, below 0.80: check the drawing)", r.Claims[0].FormulaSource);
        Assert.Contains("| 0.50 (low) | – | 1 | read with low confidence", MarkdownReportRenderer.Render(r), StringComparison.Ordinal);
        Assert.Contains("0.50 (low)", HtmlReportRenderer.Render(r), StringComparison.Ordinal);
        Assert.True(JsonReportRenderer.Parse(JsonReportRenderer.Render(r)).FormulaImages[0].LowConfidence);
    }

    [Fact]
    public void Batch_reads_the_drawn_formula_too()
    {
        var patents = Path.Combine(Dir, "patents");
        Samples.Copy(Samples.Patent(Drawn), Path.Combine(patents, Drawn));
        var molecules = new List<BatchMolecule>
        {
            new(1, Diazepam, SmilesReader.Read(Diazepam), null),
            new(2, "CN1CCN=C(c2ccccc2)c2cc(Cl)ccc21", SmilesReader.Read("CN1CCN=C(c2ccccc2)c2cc(Cl)ccc21"), null),
        };
        var result = new BatchRunner(clock: new FixedClock(Samples.When)).Run(patents, molecules, Path.Combine(Dir, "out"), parallel: 2);

        var verdicts = File.ReadAllLines(result.VerdictsPath).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("verdict").GetString()).ToList();
        Assert.Equal(["covered", "not covered"], verdicts);
        var report = JsonReportRenderer.Parse(File.ReadAllText(Path.Combine(Dir, "out", BatchRunner.ReportFolder(1, Drawn), "report.json")));
        Assert.Equal(Canonical(Truth()), Canonical(Assert.Single(report.FormulaImages).Smiles!));
    }

    private static string Package(string dir, string claims, params (string Name, string Text)[] formulas)
    {
        Directory.CreateDirectory(Path.Combine(dir, "formulas"));
        File.WriteAllText(Path.Combine(dir, "claims.txt"), claims);
        foreach (var (name, text) in formulas) File.WriteAllText(Path.Combine(dir, "formulas", name), text);
        return dir;
    }

    /// <summary>A white 300×200 PNG: decodable, with nothing drawn on it.</summary>
    private static void BlankPng(string path)
    {
        using var white = new OpenCvSharp.Mat(200, 300, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.White);
        OpenCvSharp.Cv2.ImWrite(path, white);
    }
}
