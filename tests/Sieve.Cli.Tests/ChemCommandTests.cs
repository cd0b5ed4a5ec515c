namespace Sieve.Cli.Tests;

public class ChemCommandTests
{
    [Fact]
    public void Canonical_writes_one_line_per_input_line_and_reports_failures_by_line()
    {
        var input = "OCC ethanol\nC1CC broken ring\n\nc1ccccc1O\n";
        var r = CliRunner.Run(input, "chem", "canonical", "-");

        Assert.Equal(["CCO", "", "", "Oc1ccccc1"], r.OutLines);
        Assert.Contains("line 2:", r.Error);
        Assert.Contains("line 3: no SMILES on this line", r.Error);
        Assert.DoesNotContain("line 1:", r.Error);
        Assert.DoesNotContain("line 4:", r.Error);
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void Canonical_gives_the_same_output_for_different_writings_of_a_molecule_and_exits_zero()
    {
        var r = CliRunner.Run("C1=CC=CC=C1C(=O)O\nOC(=O)c1ccccc1\n", "chem", "canonical");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, r.OutLines.Length);
        Assert.Equal(r.OutLines[0], r.OutLines[1]);
        Assert.Equal("", r.Error);
    }

    [Fact]
    public void Canonical_keeps_markush_labels_and_position_variation_of_cxsmiles_input()
    {
        var r = CliRunner.Run("*c1ccccc1 |$R1;;;;;;$| phenyl\nc1ccccc1*.Cl |$;;;;;;R1;$,m:6:0.1.2|\n", "chem", "canonical");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^\*c1ccccc1 \|\$R1(;)*\$\|$", r.OutLines[0]);
        Assert.Contains("m:", r.OutLines[1]);
        Assert.Contains("R1", r.OutLines[1]);
    }

    [Fact]
    public void Match_counts_unique_matches_per_line_with_an_empty_line_for_a_bad_molecule()
    {
        // Benzene has one unique match of c1ccccc1; biphenyl two; the carboxylic acid query none in benzene.
        var r = CliRunner.Run("c1ccccc1\nc1ccccc1-c1ccccc1\nC(\n", "chem", "match", "--smarts", "c1ccccc1", "-");
        Assert.Equal(["1", "2", ""], r.OutLines);
        Assert.Contains("line 3:", r.Error);
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void Match_with_an_invalid_smarts_names_the_option_and_exits_one_without_output()
    {
        var r = CliRunner.Run("CCO\n", "chem", "match", "--smarts", "[C;", "-");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.StartsWith("error: --smarts: SMARTS '[C;'", r.Error);
    }

    [Fact]
    public void A_missing_input_file_is_a_clear_error()
    {
        var r = CliRunner.Run("", "chem", "canonical", "/no/such/file.smi");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("/no/such/file.smi: no such file", r.Error);
    }

    [Theory]
    [InlineData("chem")]
    [InlineData("chem canonical")]
    [InlineData("chem match")]
    [InlineData("chem convert")]
    public void Every_command_has_help(string command)
    {
        var r = CliRunner.Run("", [.. command.Split(' '), "--help"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Usage:", r.Out);
    }

    [Fact]
    public void Root_help_lists_the_commands()
    {
        var r = CliRunner.Run("", "--help");
        Assert.Contains("chem", r.Out);
    }
}
