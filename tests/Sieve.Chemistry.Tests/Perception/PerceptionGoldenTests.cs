using System.Text;
using Sieve.Chemistry.Perception;
using Sieve.Chemistry.Smiles;
using Xunit.Abstractions;

namespace Sieve.Chemistry.Tests.Perception;

/// <summary>Hard cases plus every golden molecule (Data/perception.tsv, made by
/// scripts/chemistry/make_perception_golden.py): aromatic flags, H, ring membership counts (SMARTS R),
/// ring sizes (SMARTS r) and radicals must all equal RDKit's, and RDKit's rejections must be ours.</summary>
public class PerceptionGoldenTests(ITestOutputHelper output)
{
    private static readonly string[] Columns = ["aromatic", "hcount", "numAtomRings", "ringSizes", "radicals"];

    private static string Describe(Molecule m)
    {
        var r = m.Rings!;
        var atoms = Enumerable.Range(0, m.AtomCount).ToArray();
        return string.Join('\t',
            string.Concat(m.Atoms.Select(a => a.IsAromatic ? '1' : '0')),
            string.Join(',', m.Atoms.Select(a => a.TotalHydrogens)),
            string.Join(',', atoms.Select(r.AtomRingCount)),
            string.Join(',', atoms.Select(i => string.Join('/', Enumerable.Range(3, 38).Where(k => r.IsAtomInRingOfSize(i, k))))),
            string.Join(',', m.Atoms.Select(a => a.RadicalElectrons)));
    }

    [Fact]
    public void Rings_aromaticity_hydrogens_and_radicals_equal_RDKit()
    {
        var lines = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "perception.tsv")).Skip(1).ToList();
        var report = new StringBuilder();
        var perColumnOk = new int[Columns.Length];
        var rejectOk = 0;
        var rejects = 0;
        var rows = 0;
        foreach (var line in lines)
        {
            var f = line.Split('\t');
            string ours;
            try
            {
                ours = Describe(SmilesReader.Read(f[0]));
            }
            catch (Exception e) when (e is ChemistryParseException or MoleculeException)
            {
                ours = "ERR";
                if (f[1] != "ERR") report.AppendLine($"{f[0]}: we reject it ({e.Message}), RDKit reads it");
            }
            if (f[1] == "ERR")
            {
                rejects++;
                if (ours == "ERR") rejectOk++;
                else report.AppendLine($"{f[0]}: RDKit rejects it, we read it");
                continue;
            }
            rows++;
            if (ours == "ERR") continue;
            var o = ours.Split('\t');
            for (var c = 0; c < Columns.Length; c++)
            {
                if (o[c] == f[c + 1]) perColumnOk[c]++;
                else report.AppendLine($"{f[0]}: {Columns[c]} differ\n  RDKit {f[c + 1]}\n  ours  {o[c]}");
            }
        }
        output.WriteLine($"{rows} molecules; agree: " + string.Join(", ", Columns.Select((c, i) => $"{c} {perColumnOk[i]}")) + $"; rejections {rejectOk}/{rejects}");
        output.WriteLine(report.ToString());
        Assert.True(rows > 2000);
        Assert.True(report.Length == 0, report.ToString());
    }
}
