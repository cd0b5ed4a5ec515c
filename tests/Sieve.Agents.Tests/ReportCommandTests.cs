using Sieve.Agents.Reports;
using Sieve.Chemistry.Molfile;
using Sieve.Chemistry.Smiles;
using Sieve.Cli;
using Sieve.Cli.Commands;
using Sieve.Cli.Io;
using Sieve.Markush.Matching;

namespace Sieve.Agents.Tests;

/// <summary><c>sieve report</c> in-process: files written where it says, exit codes as the other commands.</summary>
[Collection(Sieve.Agents.Tests.Models.ChatBackendRegistryCollection.Name)]
public sealed class ReportCommandTests : CommandScratch
{
    private int Cli(params string[] args) => SieveCommandLine.Run(args, Terminal);

    [Fact]
    public void Writes_the_three_files_and_prints_where_they_are()
    {
        var outDir = Path.Combine(Dir, "r");
        var rc = Cli("report", "--patent", Samples.Patent("coxib-diarylpyrazole"), "--molecule", Samples.Celecoxib, "--out", outDir);
        Assert.Equal(ExitCodes.Ok, rc);
        Assert.Contains($"report: {outDir}", Out.ToString());
        Assert.StartsWith("Covered: claim 1 covers the molecule", Out.ToString(), StringComparison.Ordinal);
        foreach (var f in new[] { "report.md", "report.html", "report.json" }) Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        var back = JsonReportRenderer.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        Assert.Equal(Verdict.Covered, back.Verdict);
        Assert.Equal(3, back.Claims[0].NarrowestCoveringClaim);
    }

    [Fact]
    public void Format_selects_the_files_and_the_default_folder_is_named_after_patent_and_molecule()
    {
        var cwd = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Dir);
        try
        {
            var rc = ReportCommand.Run(Samples.Patent("coxib-diarylpyrazole"), Samples.HeptylAtR2, null, "md", Terminal());
            Assert.Equal(ExitCodes.Ok, rc);
        }
        finally
        {
            Directory.SetCurrentDirectory(cwd);
        }
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(Dir, "out")));
        Assert.Matches("^report-coxib-diarylpyrazole-[0-9a-f]{8}$", Path.GetFileName(folder));
        Assert.Equal(["report.md"], Directory.GetFiles(folder).Select(Path.GetFileName));
        Assert.Contains("**Verdict: Not covered**", File.ReadAllText(Path.Combine(folder, "report.md")));
    }

    [Fact]
    public void A_molfile_with_one_molecule_is_read_and_highlights_follow_its_atom_order()
    {
        var mol = Path.Combine(Dir, "celecoxib.mol");
        File.WriteAllText(mol, MolfileWriter.Write(SmilesReader.Read(Samples.Celecoxib)));
        var outDir = Path.Combine(Dir, "m");
        Assert.Equal(ExitCodes.Ok, Cli("report", "--patent", Samples.Patent("coxib-diarylpyrazole"), "--molecule", mol, "--out", outDir, "--format", "json"));
        var r = JsonReportRenderer.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        Assert.Equal(Verdict.Covered, r.Verdict);
        Assert.Equal(mol, r.Molecule.Input);
        var drawn = MolfileReader.Read(r.Molecule.Depiction.Structure);
        var scaffold = SmilesReader.Read(r.Claims[0].Scaffold.Structure);
        foreach (var p in r.Claims[0].ScaffoldToMolecule)
            Assert.Equal(scaffold.Atoms[p.Scaffold].Element, drawn.Atoms[p.Molecule].Element);
    }

    [Fact]
    public void A_smiles_file_with_one_line_is_read()
    {
        var smi = Path.Combine(Dir, "one.smi");
        File.WriteAllText(smi, Samples.Celecoxib + " celecoxib\n");
        Assert.Equal(ExitCodes.Ok, Cli("report", "--patent", Samples.Patent("coxib-diarylpyrazole"), "--molecule", smi, "--out", Path.Combine(Dir, "s")));
    }

    [Theory]
    [InlineData("--molecule", "C1CC", "--molecule")]
    [InlineData("--molecule", "c1ccccc1(", "--molecule")]
    [InlineData("--format", "pdf", "--format")]
    [InlineData("--patent", "/no/such/patent", "--patent")]
    public void Bad_arguments_exit_1_with_one_line_naming_the_option(string option, string value, string named)
    {
        var args = new List<string> { "report", "--patent", Samples.Patent("coxib-diarylpyrazole"), "--molecule", Samples.Celecoxib, "--out", Path.Combine(Dir, "x") };
        var i = args.IndexOf(option);
        if (i >= 0) args[i + 1] = value; else args.AddRange([option, value]);
        Assert.Equal(ExitCodes.BadArguments, Cli([.. args]));
        Assert.StartsWith($"error: {named}", Err.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Dir, "x")));
    }

    [Fact]
    public void A_file_with_two_molecules_is_refused()
    {
        var smi = Path.Combine(Dir, "two.smi");
        File.WriteAllText(smi, "CCO\nCCN\n");
        Assert.Equal(ExitCodes.BadArguments, Cli("report", "--patent", Samples.Patent("coxib-diarylpyrazole"), "--molecule", smi));
        Assert.Contains("expected one SMILES line, found 2", Err.ToString());
    }

    [Fact]
    public void Missing_required_options_exit_1()
    {
        Assert.Equal(1, Cli("report", "--patent", Samples.Patent("coxib-diarylpyrazole")));
    }
}
