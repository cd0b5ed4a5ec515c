using Xunit.Abstractions;
using System.Text;
using Sieve.Chemistry.Smarts;
using Sieve.Chemistry.Substructure;

namespace Sieve.Chemistry.Tests.Substructure;

/// <summary>The matcher and SMARTS reader against RDKit's match counts on RDKit's own perceived graphs,
/// so any disagreement is ours and not the SMILES reader's.</summary>
public class RdkitGraphGoldenTests(ITestOutputHelper output)
{
    [Fact]
    public void Match_counts_agree_with_RDKit_on_RDKit_graphs()
    {
        var queries = GoldenCounts.Queries.Select(q => SmartsReader.Read(q.Smarts)).ToArray();
        var options = new SubstructureOptions { MaxMatches = 100000 };
        int pairs = 0, agree = 0;
        var report = new StringBuilder();
        foreach (var (id, mol) in RdkitGraphs.Molecules)
        {
            var expected = GoldenCounts.Counts[id];
            for (var q = 0; q < queries.Length; q++)
            {
                pairs++;
                var got = SubstructureSearch.FindMatches(mol, queries[q], options).Count;
                if (got == expected[q]) agree++;
                else report.AppendLine($"{id} {GoldenCounts.Queries[q].Name} {GoldenCounts.Queries[q].Smarts}: ours {got}, RDKit {expected[q]}");
            }
        }
        output.WriteLine($"{agree}/{pairs} agree");
        output.WriteLine(report.ToString());
        Assert.True(agree == pairs, $"{pairs - agree} of {pairs} disagree:\n{report}");
    }
}
