using System.Text;
using Sieve.Chemistry.Smiles;
using Xunit.Abstractions;

namespace Sieve.Chemistry.Tests.Perception;

/// <summary>Reads every golden molecule and compares per-atom aromaticity and hydrogen counts with RDKit's.</summary>
public class GoldenPerceptionTests(ITestOutputHelper output)
{
    private static IEnumerable<string[]> Rows(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", file)).Skip(1)
            .Where(l => l.Length > 0).Select(l => l.Split('\t'));

    [Fact]
    public void Aromaticity_and_hydrogen_counts_agree_with_RDKit()
    {
        int total = 0, aromaticOk = 0, hydrogenOk = 0;
        var report = new StringBuilder();
        foreach (var row in Rows("molecules.tsv"))
        {
            total++;
            var (id, smiles, aromatic, hcount) = (row[0], row[2], row[4], row[5]);
            Molecule m;
            try
            {
                m = SmilesReader.Read(smiles);
            }
            catch (Exception e) when (e is ChemistryParseException or Sieve.Chemistry.Perception.MoleculeException)
            {
                report.AppendLine($"{id} {smiles}: we reject it, RDKit reads it: {e.Message}");
                continue;
            }
            var ours = new StringBuilder();
            var hs = new List<int>();
            foreach (var a in m.Atoms) { ours.Append(a.IsAromatic ? '1' : '0'); hs.Add(a.TotalHydrogens); }
            var ourH = string.Join(',', hs);
            if (ours.ToString() == aromatic) aromaticOk++;
            else report.AppendLine($"{id} {smiles}: aromatic flags differ\n  RDKit {aromatic}\n  ours  {ours}");
            if (ourH == hcount) hydrogenOk++;
            else report.AppendLine($"{id} {smiles}: H counts differ\n  RDKit {hcount}\n  ours  {ourH}");
        }
        output.WriteLine($"{total} molecules: aromatic flags agree on {aromaticOk}, H counts on {hydrogenOk}");
        output.WriteLine(report.ToString());
        Assert.True(total >= 2000, $"golden file has only {total} molecules");
        Assert.True(aromaticOk >= 0.995 * total, $"aromaticity agrees on {aromaticOk}/{total} molecules:\n{report}");
        Assert.True(hydrogenOk >= 0.995 * total, $"H counts agree on {hydrogenOk}/{total} molecules:\n{report}");
    }

    [Fact]
    public void Molecules_RDKit_rejects_are_rejected()
    {
        var report = new StringBuilder();
        var count = 0;
        foreach (var row in Rows("excluded.tsv"))
        {
            count++;
            var (smiles, reason) = (row[1], row[2]);
            try
            {
                SmilesReader.Read(smiles);
                report.AppendLine($"{smiles}: accepted, RDKit says {reason}");
            }
            catch (Exception e) when (e is ChemistryParseException or Sieve.Chemistry.Perception.MoleculeException)
            {
                output.WriteLine($"{smiles}: {e.Message} (RDKit: {reason})");
            }
        }
        Assert.True(count > 0);
        Assert.True(report.Length == 0, report.ToString());
    }
}
