using Sieve.Agents.Planner;
using Sieve.Markush.Matching;

namespace Sieve.Agents.Tests.Planner;

/// <summary>Reading a model's verdicts: the JSON object may stand anywhere, in a fence or bare; what cannot be read is
/// a problem the chemist is re-asked about, never a guess.</summary>
public class VerdictProposalsTests
{
    [Fact]
    public void Reads_the_last_verdicts_object_after_prose_and_in_a_fence()
    {
        var r = VerdictProposals.Parse("""
            I checked {the scaffold}. Draft: {"verdicts": [{"claim": 1, "verdict": "covered"}]}
            Final:
            ```json
            {"verdicts": [{"claim": 1, "verdict": "not covered"}, {"claim": "4", "verdict": "Undetermined"}]}
            ```
            """);
        Assert.Empty(r.Problems);
        Assert.Equal(Verdict.NotCovered, r.Verdicts[1]);
        Assert.Equal(Verdict.Undetermined, r.Verdicts[4]);
    }

    [Theory]
    [InlineData("", "the answer was empty")]
    [InlineData("covered, I am sure", "no JSON object with a \"verdicts\" list")]
    [InlineData("{\"verdict\": \"covered\"}", "no JSON object with a \"verdicts\" list")]
    [InlineData("{\"verdicts\": [{\"claim\": 1, \"verdict\": \"probably\"}]}", "claim 1: 'probably' is not a verdict")]
    [InlineData("{\"verdicts\": [{\"verdict\": \"covered\"}]}", "an entry without a claim number")]
    public void What_cannot_be_read_is_a_problem_not_a_verdict(string text, string problem)
    {
        var r = VerdictProposals.Parse(text);
        Assert.Empty(r.Verdicts);
        Assert.Contains(r.Problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not_covered", Verdict.NotCovered)]
    [InlineData("Not-Covered", Verdict.NotCovered)]
    [InlineData(" covered ", Verdict.Covered)]
    public void Verdict_words_are_read_loosely_but_exactly(string word, Verdict expected) =>
        Assert.Equal(expected, VerdictProposals.ReadVerdict(word));
}
