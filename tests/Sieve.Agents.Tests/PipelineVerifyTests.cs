using Sieve.Agents.PatentFinder;
using Sieve.Agents.Reports;
using Sieve.Markush.Matching;

namespace Sieve.Agents.Tests;

/// <summary>The verify step inside the plan: a verdict that its evidence does not back never reaches the report.</summary>
public class PipelineVerifyTests
{
    private static Matched MatchedFor(string smiles)
    {
        var markush = PatentFinderSteps.ReadMarkush(PatentFinderSteps.ReadClaims(Samples.Patent("coxib-diarylpyrazole")));
        return PatentFinderSteps.Match(markush, MoleculeSource.Read(smiles).Molecule);
    }

    [Fact]
    public void A_covered_verdict_proposed_against_not_covered_evidence_is_rejected_in_the_report()
    {
        var matched = MatchedFor(Samples.HeptylAtR2);
        var claim = matched.Patent.Claims[0];
        // What a careless proposer (e.g. a model) might say: covered, narrowest claim 3.
        var tampered = matched with
        {
            Patent = matched.Patent with { Verdict = Verdict.Covered, Claims = [claim with { Verdict = Verdict.Covered, NarrowestCoveringClaim = 3 }] },
        };
        var verified = PatentFinderSteps.Verify(tampered);
        Assert.Equal(Verdict.Undetermined, verified.Overall);
        var v = Assert.Single(verified.Claims);
        Assert.False(v.Check.Accepted);
        Assert.Null(v.NarrowestCoveringClaim);
        Assert.Contains(verified.Notes, n => n.StartsWith("claim 1: proposed covered rejected, now undetermined", StringComparison.Ordinal));

        var report = ReportBuilder.Build(verified, MoleculeSource.Read(Samples.HeptylAtR2), [], new FixedClock(Samples.When));
        Assert.Equal(Verdict.Undetermined, report.Verdict);
        Assert.Equal(Verdict.Covered, report.Claims[0].Proposed);
        Assert.Contains("(proposed covered, rejected)", MarkdownReportRenderer.Render(report));
    }

    [Fact]
    public void The_plan_logs_each_named_step_in_order()
    {
        var seen = new List<StepLog>();
        new PatentFinderPipeline(new FixedClock(Samples.When), seen.Add)
            .Run(Samples.Patent("coxib-diarylpyrazole"), MoleculeSource.Read(Samples.Celecoxib));
        Assert.Equal(["claims", "markush", "match", "verify", "write"], seen.Select(s => s.Step));
        Assert.Equal("1 independent and 2 dependent compound claim(s), 0 species claim(s) not checked", seen[0].Outcome);
        Assert.Equal("claim 1 covered", seen[2].Outcome);
    }

    [Fact]
    public void Claim_text_that_could_not_be_read_and_decided_the_verdict_is_reported()
    {
        var r = new PatentFinderPipeline(new FixedClock(Samples.When)).Run(Samples.Patent("egfr-anilinoquinazoline"),
            MoleculeSource.Read("COc1cc2c(Nc3ccc(Br)cc3F)ncnc2cc1OCC1CCN(C)CC1"));
        Assert.Equal(Verdict.Undetermined, r.Verdict);
        Assert.Contains("definition of R2 not read: 'a solubilising group as defined in the description'", r.Claims[0].Unparsed);
        Assert.Contains("definition of R2 not read", r.Summary);
        Assert.Contains("Claim text that mattered but was not read", MarkdownReportRenderer.Render(r));
    }
}
