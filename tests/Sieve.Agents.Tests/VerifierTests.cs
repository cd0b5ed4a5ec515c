using Sieve.Agents.PatentFinder;
using Sieve.Markush.Chem;
using Sieve.Markush.Matching;
using Sieve.Markush.Package;

namespace Sieve.Agents.Tests;

public class VerifierTests
{
    private static SiteEvidence Site(string label, Fit fit, string? reason = null) =>
        new(label, 3, "*C", fit, "C1-C4 alkyl", reason);

    private static EmbeddingEvidence Embedding(Verdict v, params SiteEvidence[] sites) =>
        new(v, [], new Dictionary<int, int> { [0] = 0, [1] = 1 }, sites, []);

    [Fact]
    public void Covered_without_any_evidence_is_rejected_as_undetermined_with_the_reason()
    {
        var r = Verifier.Check(new VerifierInput(1, Verdict.Covered, null, 0, null));
        Assert.False(r.Accepted);
        Assert.Equal(Verdict.Undetermined, r.Verdict);
        Assert.Contains("no scaffold embedding", r.Rejection);
        Assert.Contains("rejected", r.Note);
    }

    [Fact]
    public void Covered_with_an_embedding_but_no_site_evidence_is_rejected()
    {
        var r = Verifier.Check(new VerifierInput(1, Verdict.Covered, Embedding(Verdict.Covered), 1, null));
        Assert.Equal(Verdict.Undetermined, r.Verdict);
        Assert.Contains("no site evidence", r.Rejection);
    }

    [Fact]
    public void Covered_by_in_scaffold_choices_alone_is_accepted()
    {
        // -[CH2CH2]n- in brackets and no R group: the repeat count taken is the evidence.
        var e = new EmbeddingEvidence(Verdict.Covered, ["n = 2"], new Dictionary<int, int> { [0] = 0, [1] = 1 }, [], []);
        var r = Verifier.Check(new VerifierInput(1, Verdict.Covered, e, 1, null));
        Assert.True(r.Accepted);
        Assert.Equal(Verdict.Covered, r.Verdict);
    }

    [Fact]
    public void Covered_whose_evidence_shows_a_failing_site_is_rejected()
    {
        var e = Embedding(Verdict.Covered, Site("R1", Fit.Yes), Site("R2", Fit.No, "C7 alkyl is outside C1-C4"));
        var r = Verifier.Check(new VerifierInput(1, Verdict.Covered, e, 1, null));
        Assert.Equal(Verdict.Undetermined, r.Verdict);
        Assert.Contains("R2", r.Rejection);
    }

    [Fact]
    public void Covered_with_every_site_fitting_is_accepted()
    {
        var e = Embedding(Verdict.Covered, Site("R1", Fit.Yes), Site("R2", Fit.Yes));
        var r = Verifier.Check(new VerifierInput(1, Verdict.Covered, e, 1, null));
        Assert.True(r.Accepted);
        Assert.Equal(Verdict.Covered, r.Verdict);
    }

    [Fact]
    public void Not_covered_needs_a_failing_site_or_the_scaffold_absent_statement()
    {
        Assert.Equal(Verdict.Undetermined, Verifier.Check(new VerifierInput(1, Verdict.NotCovered, null, 0, null)).Verdict);
        Assert.Equal(Verdict.Undetermined, Verifier.Check(new VerifierInput(1, Verdict.NotCovered, null, 0, "  ")).Verdict);
        Assert.Equal(Verdict.Undetermined, Verifier.Check(new VerifierInput(1, Verdict.NotCovered, null, 4, "absent")).Verdict);
        var allFit = Embedding(Verdict.NotCovered, Site("R1", Fit.Yes));
        Assert.Equal(Verdict.Undetermined, Verifier.Check(new VerifierInput(1, Verdict.NotCovered, allFit, 1, null)).Verdict);
        var noReason = Embedding(Verdict.NotCovered, Site("R1", Fit.No));
        Assert.Equal(Verdict.Undetermined, Verifier.Check(new VerifierInput(1, Verdict.NotCovered, noReason, 1, null)).Verdict);

        Assert.Equal(Verdict.NotCovered, Verifier.Check(new VerifierInput(1, Verdict.NotCovered, null, 0, "the scaffold does not occur")).Verdict);
        var miss = Embedding(Verdict.NotCovered, Site("R1", Fit.Yes), Site("R2", Fit.No, "C7 alkyl is outside C1-C4"));
        Assert.True(Verifier.Check(new VerifierInput(1, Verdict.NotCovered, miss, 1, null)).Accepted);
    }

    [Fact]
    public void Undetermined_is_never_upgraded_whatever_the_evidence()
    {
        var covering = Embedding(Verdict.Covered, Site("R1", Fit.Yes), Site("R2", Fit.Yes));
        var missing = Embedding(Verdict.NotCovered, Site("R1", Fit.No, "outside"));
        foreach (var input in new[]
                 {
                     new VerifierInput(1, Verdict.Undetermined, covering, 1, null),
                     new VerifierInput(1, Verdict.Undetermined, missing, 1, null),
                     new VerifierInput(1, Verdict.Undetermined, null, 0, "the scaffold does not occur"),
                 })
        {
            var r = Verifier.Check(input);
            Assert.Equal(Verdict.Undetermined, r.Verdict);
            Assert.True(r.Accepted);
        }
    }

    [Fact]
    public void The_matchers_own_evidence_passes_and_a_verdict_claimed_against_it_does_not()
    {
        var package = PatentPackage.Load(Samples.Patent("coxib-diarylpyrazole"));
        var claim = package.Claims.Get(1)!;
        var covered = MarkushMatcher.Match(MoleculeInput.FromSmiles(Samples.Celecoxib), claim.Structure!);
        Assert.True(Verifier.Check(PatentFinderSteps.InputFor(1, covered.Verdict, covered)).Accepted);
        // The same evidence offered for the opposite verdict is refused.
        Assert.Equal(Verdict.Undetermined, Verifier.Check(PatentFinderSteps.InputFor(1, Verdict.NotCovered, covered)).Verdict);

        var miss = MarkushMatcher.Match(MoleculeInput.FromSmiles(Samples.HeptylAtR2), claim.Structure!);
        Assert.Equal(Verdict.NotCovered, miss.Verdict);
        Assert.True(Verifier.Check(PatentFinderSteps.InputFor(1, miss.Verdict, miss)).Accepted);
        Assert.Equal(Verdict.Undetermined, Verifier.Check(PatentFinderSteps.InputFor(1, Verdict.Covered, miss)).Verdict);

        var absent = MarkushMatcher.Match(MoleculeInput.FromSmiles("CCO"), claim.Structure!);
        Assert.Equal(Verdict.NotCovered, absent.Verdict);
        Assert.Null(absent.Evidence);
        Assert.True(Verifier.Check(PatentFinderSteps.InputFor(1, absent.Verdict, absent)).Accepted);
    }
}
