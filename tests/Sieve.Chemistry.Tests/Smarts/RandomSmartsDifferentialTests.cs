using System.Text;
using Sieve.Chemistry.Smarts;
using Sieve.Chemistry.Substructure;
using Sieve.Chemistry.Tests.Substructure;

namespace Sieve.Chemistry.Tests.Smarts;

/// <summary>Random SMARTS against RDKit (data: scripts/chemistry/smarts_random.py): combinations of every
/// primitive, logic operator, bond form, ring closure, branch and recursion must give RDKit's match counts,
/// and mutated SMARTS must be accepted or rejected exactly as RDKit does.</summary>
public class RandomSmartsDifferentialTests
{
    [Fact]
    public void Random_SMARTS_match_counts_equal_RDKit_on_RDKit_graphs()
    {
        var lines = File.ReadAllLines(SourceTree.File("Smarts/TestData/random_smarts_counts.tsv"));
        var ids = lines[0].Split('\t')[1..];
        var graphs = RdkitGraphs.Molecules.ToDictionary(x => x.Id, x => x.Molecule);
        var options = new SubstructureOptions { MaxMatches = 100000 };
        var report = new StringBuilder();
        var bad = 0;
        foreach (var line in lines.Skip(1))
        {
            var cols = line.Split('\t');
            var query = SmartsReader.Read(cols[0]);
            for (var i = 0; i < ids.Length; i++)
            {
                var got = SubstructureSearch.FindMatches(graphs[ids[i]], query, options).Count;
                if (got.ToString() != cols[i + 1] && bad++ < 20)
                    report.AppendLine($"{cols[0]} on {ids[i]}: ours {got}, RDKit {cols[i + 1]}");
            }
        }
        Assert.True(bad == 0, $"{bad} disagreements:\n{report}");
    }

    [Fact]
    public void Mutated_SMARTS_are_accepted_or_rejected_as_RDKit_does()
    {
        var report = new StringBuilder();
        var bad = 0;
        foreach (var line in File.ReadLines(SourceTree.File("Smarts/TestData/smarts_acceptance.tsv")).Skip(1))
        {
            var cols = line.Split('\t');
            var rdkitAccepts = cols[1] == "1";
            string? problem = null;
            try { SmartsReader.Read(cols[0]); }
            catch (SmartsParseException e) { problem = e.Problem; }
            if ((problem is null) != rdkitAccepts && bad++ < 20)
                report.AppendLine($"{cols[0]}: RDKit {(rdkitAccepts ? "accepts" : "rejects")}, we {(problem is null ? "accept" : "reject: " + problem)}");
        }
        Assert.True(bad == 0, $"{bad} disagreements:\n{report}");
    }
}
