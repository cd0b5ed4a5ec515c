using Sieve.Chemistry;
using Sieve.Markush.Chem;
using Sieve.Markush.Matching;
using Sieve.Markush.Model;
using Sieve.Markush.Package;

namespace Sieve.Markush.Tests;

/// <summary>Hundreds of unrelated real molecules against every sample claim: no exception, and the evidence always
/// agrees with the verdict.</summary>
public class RobustnessTests
{
    [Fact]
    public void Real_molecules_against_every_sample_claim_give_consistent_evidence()
    {
        var queries = new List<MarkushQuery>();
        foreach (var dir in SamplePatentTests.Packages())
        {
            var pkg = SamplePatentTests.Load(Path.GetFileName(dir));
            foreach (var c in pkg.Claims.Claims)
                if (c.Kind == ClaimKind.Compound && c.Structure is not null) queries.Add(MarkushMatcher.Compile(c.Structure));
        }
        var molecules = new List<Molecule>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "golden-molecules.tsv")).Skip(1).Take(400))
        {
            try { molecules.Add(MoleculeInput.FromSmiles(line.Split('\t')[3])); }
            catch (Exception e) when (e is ChemistryParseException or InvalidOperationException) { }
        }
        molecules.Add(new Molecule());
        Assert.True(molecules.Count > 300);
        var covered = 0;
        foreach (var m in molecules)
            foreach (var q in queries)
            {
                var r = MarkushMatcher.Match(m, q);
                if (r.Verdict == Verdict.Covered)
                {
                    covered++;
                    Assert.NotNull(r.Evidence);
                    Assert.All(r.Evidence.Sites, s => Assert.Equal(Fit.Yes, s.Status));
                    Assert.Empty(r.Evidence.Problems);
                }
                if (r.Evidence is { Verdict: Verdict.NotCovered } e)
                    Assert.True(e.Problems.Count > 0 || e.Sites.Any(s => s.Status == Fit.No), r.Summary);
            }
        // Unrelated molecules are almost never inside these narrow claims.
        Assert.True(covered < molecules.Count, $"{covered} covered");
    }
}
