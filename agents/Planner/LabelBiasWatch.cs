using Sieve.Agents.PatentFinder;
using Sieve.Markush.Matching;

namespace Sieve.Agents.Planner;

/// <summary>Watches the labels a model proposes against what the tool evidence says, over every round of a run: a
/// model that leans on one label (says "covered" without looking, or "undetermined" to avoid committing) shows up
/// in the report's verifier notes, claim by claim.</summary>
public sealed class LabelBiasWatch
{
    private readonly List<(int Claim, Verdict Proposed, Verdict? Evidence, bool Accepted)> _seen = [];

    public void Observe(int claim, Verdict proposed, Verdict? evidence, bool accepted) => _seen.Add((claim, proposed, evidence, accepted));

    public IReadOnlyList<string> Notes()
    {
        var notes = new List<string>();
        foreach (var label in new[] { Verdict.Covered, Verdict.NotCovered })
        {
            var unbacked = _seen.Where(s => s.Proposed == label && !s.Accepted).ToList();
            if (unbacked.Count > 0)
                notes.Add($"label bias: the model proposed '{label.ToText()}' {unbacked.Count} time(s) without tool evidence that backs it " +
                          $"(claim(s) {string.Join(", ", unbacked.Select(s => s.Claim).Distinct())})");
        }
        var hedged = _seen.Where(s => s.Proposed == Verdict.Undetermined && s.Evidence is Verdict.Covered or Verdict.NotCovered).ToList();
        if (hedged.Count > 0)
            notes.Add($"label bias: the model proposed 'undetermined' {hedged.Count} time(s) where the tool evidence decides " +
                      $"(claim(s) {string.Join(", ", hedged.Select(s => $"{s.Claim}: evidence {s.Evidence!.Value.ToText()}").Distinct())}); " +
                      "the verifier never adds confidence, so such a claim stays undetermined");
        return notes;
    }
}
