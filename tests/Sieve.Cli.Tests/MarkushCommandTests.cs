using System.Text.Json;

namespace Sieve.Cli.Tests;

public class MarkushCommandTests
{
    private static readonly string Coxib = Path.Combine(Repository.Root, "samples", "patents", "coxib-diarylpyrazole");
    private const string Celecoxib = "Cc1ccc(cc1)-c1cc(nn1-c1ccc(cc1)S(N)(=O)=O)C(F)(F)F";
    private const string HeptylAnalogue = "NS(=O)(=O)c1ccc(-n2nc(C(F)(F)F)cc2-c2ccc(CCCCCCC)cc2)cc1";

    [Fact]
    public void Parse_prints_each_claims_definitions()
    {
        var r = CliRunner.Run("", "markush", "parse", "--patent", Coxib);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("claim 1: compound, independent, formula I", r.Out);
        Assert.Contains("R1: trifluoromethyl; difluoromethyl; C1-C4 alkyl", r.Out);
        Assert.Contains("claim 3: compound, depends on 2", r.Out);
    }

    [Fact]
    public void Match_json_has_the_verdict_per_claim_with_evidence_and_the_narrowest_covering_claim()
    {
        var r = CliRunner.Run("", "markush", "match", "--patent", Coxib, "--molecule", Celecoxib, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("covered", root.GetProperty("verdict").GetString());
        var claim = root.GetProperty("claims")[0];
        Assert.Equal(1, claim.GetProperty("claim").GetInt32());
        Assert.Equal("covered", claim.GetProperty("verdict").GetString());
        Assert.Equal(3, claim.GetProperty("narrowestCoveringClaim").GetInt32());
        var sites = claim.GetProperty("evidence").GetProperty("evidence").GetProperty("sites").EnumerateArray()
            .ToDictionary(s => s.GetProperty("label").GetString()!, s => s.GetProperty("substituent").GetString());
        Assert.Equal("*C(F)(F)F", sites["R1"]);
        Assert.Equal("*C", sites["R2"]);
    }

    [Fact]
    public void A_heptyl_where_the_claim_allows_C1_C4_alkyl_is_not_covered_and_the_text_says_why()
    {
        var r = CliRunner.Run("", "markush", "match", "--patent", Coxib, "--molecule", HeptylAnalogue);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith($"{HeptylAnalogue}: not covered", r.Out);
        Assert.Contains("R2 = *CCCCCCC: outside", r.Out);
        Assert.Contains("7 carbons", r.Out);
    }

    [Fact]
    public void Match_over_a_file_writes_one_json_line_per_molecule_in_order_including_failures()
    {
        var r = CliRunner.Run($"{Celecoxib}\nC1CC\n{HeptylAnalogue}\n", "markush", "match", "--patent", Coxib, "--molecules", "-");
        Assert.Equal(2, r.ExitCode);
        var lines = r.OutLines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Equal("covered", lines[0].GetProperty("verdict").GetString());
        Assert.Contains("unclosed ring", lines[1].GetProperty("error").GetString());
        Assert.Equal(2, lines[1].GetProperty("line").GetInt32());
        Assert.Equal("not covered", lines[2].GetProperty("verdict").GetString());
        Assert.StartsWith("record 2: ", r.Error);
    }

    [Fact]
    public void Unknown_claim_missing_folder_and_ambiguous_molecule_options_are_clear_errors()
    {
        var claim = CliRunner.Run("", "markush", "match", "--patent", Coxib, "--molecule", Celecoxib, "--claim", "9");
        Assert.Equal(1, claim.ExitCode);
        Assert.Contains("--claim 9: the patent has no compound claim 9 (compound claims: 1, 2, 3)", claim.Error);

        var folder = CliRunner.Run("", "markush", "parse", "--patent", "/no/such/patent");
        Assert.Equal(1, folder.ExitCode);
        Assert.Contains("--patent /no/such/patent: no such folder", folder.Error);

        var neither = CliRunner.Run("", "markush", "match", "--patent", Coxib);
        Assert.NotEqual(0, neither.ExitCode);
        Assert.Contains("exactly one of --molecule SMILES or --molecules FILE", neither.Error);
    }

    [Fact]
    public void Match_text_names_the_repeat_count_of_a_bracketed_unit_that_fitted()
    {
        // A formula drawn with -[CH2]n- in brackets (CXSMILES Sg:n, as the OCSR reader writes it).
        var dir = Directory.CreateTempSubdirectory("sieve-repeat-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "formulas"));
            File.WriteAllText(Path.Combine(dir, "formulas", "I.cxsmi"), "OC(=O)Cc1ccc(cc1)[*:1] |Sg:n:3:n::::|\n");
            File.WriteAllText(Path.Combine(dir, "claims.txt"),
                "1. A compound of formula (I)\n\nwherein R1 is hydrogen or halogen; and\nn is an integer from 1 to 4.\n");
            var r = CliRunner.Run("", "markush", "match", "--patent", dir, "--molecule", "OC(=O)CCCc1ccc(Cl)cc1");
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("claim 1: covered — Covered by formula (I) with n = 3", r.Out);
            Assert.Contains("  choices: n = 3", r.Out);
            var miss = CliRunner.Run("", "markush", "match", "--patent", dir, "--molecule", "OC(=O)CCCCCCc1ccc(Cl)cc1");
            Assert.Contains("the scaffold of formula (I) with n = 1 to 4 does not occur in the molecule", miss.Out);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
