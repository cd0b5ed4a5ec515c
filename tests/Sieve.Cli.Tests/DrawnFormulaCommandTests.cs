using System.Text.Json;

namespace Sieve.Cli.Tests;

/// <summary><c>sieve markush</c> and <c>sieve batch</c> on a package whose formula is only drawn (formulas/I.png):
/// the drawing is read through OCSR, as <c>sieve report</c> reads it.</summary>
public sealed class DrawnFormulaCommandTests : IDisposable
{
    private static readonly string Drawn = Path.Combine(Repository.Root, "samples", "patents", "benzodiazepinone-drawn");
    private const string Diazepam = "CN1C(=O)CN=C(c2ccccc2)c2cc(Cl)ccc21";
    private readonly string _root = Directory.CreateTempSubdirectory("sieve-drawn-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Markush_parse_shows_the_scaffold_read_from_the_drawing_and_where_it_came_from()
    {
        var r = CliRunner.Run("", "markush", "parse", "--patent", Drawn);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("claim 1: compound, independent, formula I", r.Out);
        Assert.Matches(@"drawn: formula I read from formulas/I\.png, confidence 0\.\d\d", r.Out);
        Assert.DoesNotContain("problem:", r.Out);

        var json = CliRunner.Run("", "markush", "parse", "--patent", Drawn, "--json");
        using var doc = JsonDocument.Parse(json.Out);
        var drawing = Assert.Single(doc.RootElement.GetProperty("drawings").EnumerateArray().ToList());
        Assert.Equal("formulas/I.png", drawing.GetProperty("file").GetString());
        Assert.Contains("R1", drawing.GetProperty("smiles").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Markush_match_decides_by_the_drawn_formula()
    {
        var r = CliRunner.Run("", "markush", "match", "--patent", Drawn, "--molecule", Diazepam, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("covered", doc.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("claims")[0].GetProperty("narrowestCoveringClaim").GetInt32());
    }

    [Fact]
    public void Batch_reads_the_drawn_formula()
    {
        var patents = Path.Combine(_root, "patents", "benzodiazepinone-drawn");
        Directory.CreateDirectory(Path.Combine(patents, "formulas"));
        foreach (var f in new[] { "claims.txt", "patent.json", "formulas/I.png" }) File.Copy(Path.Combine(Drawn, f), Path.Combine(patents, f));
        var molecules = Path.Combine(_root, "m.smi");
        File.WriteAllLines(molecules, [$"{Diazepam}\tdiazepam", "CN1CCN=C(c2ccccc2)c2cc(Cl)ccc21\tmedazepam"]);
        var outDir = Path.Combine(_root, "out");
        var r = CliRunner.Run("", "batch", "--patents", Path.Combine(_root, "patents"), "--molecules", molecules, "--out", outDir);
        Assert.Equal(0, r.ExitCode);
        var verdicts = File.ReadAllLines(Path.Combine(outDir, "verdicts.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("verdict").GetString()).ToList();
        Assert.Equal(["covered", "not covered"], verdicts);
    }

    [Theory]
    [InlineData("O=S(=O)(O)CCCCCCc1ccccc1", "covered", "n = 1")]          // as drawn: four CH2 + one [CH2CH2]
    [InlineData("O=S(=O)(O)CCCCCCCCc1ccccc1", "covered", "n = 2")]
    [InlineData("O=S(=O)(O)CCCCc1ccccc1", "not covered", null)]          // n = 0 is outside "1 or 2"
    [InlineData("O=S(=O)(O)CCCCCCCc1ccccc1", "not covered", null)]       // seven CH2: no whole number of units
    public void A_drawn_repeat_bracket_is_matched_for_each_count_the_claims_allow(string molecule, string verdict, string? count)
    {
        // The OCSR test set's drawing of HO3S-(CH2)4-[CH2CH2]n-Ph, read through OCSR as a package formula.
        Directory.CreateDirectory(Path.Combine(_root, "formulas"));
        File.Copy(Path.Combine(Repository.Root, "tests", "Sieve.Ocsr.Tests", "Data", "devset", "sru", "004.png"),
            Path.Combine(_root, "formulas", "I.png"));
        File.WriteAllText(Path.Combine(_root, "claims.txt"), "1. A compound of formula (I)\n\nwherein n is 1 or 2.\n");
        var r = CliRunner.Run("", "markush", "match", "--patent", _root, "--molecule", molecule, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var claim = doc.RootElement.GetProperty("claims")[0];
        Assert.Equal(verdict, claim.GetProperty("verdict").GetString());
        if (count is not null)
            Assert.Equal(count, Assert.Single(claim.GetProperty("evidence").GetProperty("evidence").GetProperty("repeatCounts").EnumerateArray().ToList()).GetString());
    }
}
