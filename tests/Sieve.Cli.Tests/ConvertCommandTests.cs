namespace Sieve.Cli.Tests;

public class ConvertCommandTests
{
    [Fact]
    public void Smiles_to_sdf_and_back_keeps_molecules_names_and_order()
    {
        var sdf = CliRunner.Run("OC(=O)c1ccccc1 benzoic acid\nC[C@H](N)C(=O)O alanine\n", "chem", "convert", "--to", "sdf");
        Assert.Equal(0, sdf.ExitCode);
        Assert.Equal(2, sdf.Out.Split("$$$$").Length - 1);

        var back = CliRunner.Run(sdf.Out, "chem", "convert", "--to", "smiles");
        Assert.Equal(0, back.ExitCode);
        Assert.Equal(["O=C(O)c1ccccc1 benzoic acid", "C[C@H](N)C(=O)O alanine"], back.OutLines);
    }

    [Fact]
    public void V3000_output_is_read_back_as_the_same_molecule()
    {
        var mol = CliRunner.Run("c1ccncc1", "chem", "convert", "--to", "mol", "--v3000");
        Assert.Contains("V3000", mol.Out);
        var back = CliRunner.Run(mol.Out, "chem", "convert", "--to", "smiles", "--from", "mol");
        Assert.Equal(["c1ccncc1"], back.OutLines);
    }

    [Fact]
    public void A_bad_smiles_record_leaves_an_empty_line_and_is_named_on_stderr()
    {
        var r = CliRunner.Run("CCO\nC1CC\nCCN\n", "chem", "convert", "--to", "smiles");
        Assert.Equal(["CCO", "", "CCN"], r.OutLines);
        Assert.StartsWith("record 2: ", r.Error);
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void Writing_several_molecules_as_one_molfile_is_refused_after_the_first()
    {
        var r = CliRunner.Run("CCO\nCCN\n", "chem", "convert", "--to", "mol");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("record 2: --to mol writes one molecule", r.Error);
        Assert.Single(r.Out.Split("M  END")[..^1]);
    }

    [Fact]
    public void A_broken_sdf_record_is_skipped_and_the_rest_converted()
    {
        var good = CliRunner.Run("CCO ethanol\n", "chem", "convert", "--to", "sdf").Out;
        var broken = "broken\n  test\n\n  2  1  0  0  0  0  0  0  0  0999 V2000\n$$$$\n";
        var r = CliRunner.Run(good + broken + good, "chem", "convert", "--to", "smiles", "--from", "sdf");
        Assert.Equal(["CCO ethanol", "", "CCO ethanol"], r.OutLines);
        Assert.StartsWith("record 2: ", r.Error);
        Assert.Equal(2, r.ExitCode);
    }
}
