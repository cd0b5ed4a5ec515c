using Sieve.Agents.PatentFinder;
using Sieve.Markush.Matching;

namespace Sieve.Agents.Planner;

/// <summary>The verifier step of the model-driven plan: a model's proposed verdict for an independent claim is put
/// through <see cref="Verifier"/> with the evidence the model's own tool calls produced — and nothing else. No
/// captured evidence, no verdict: the claim becomes undetermined with the reason.</summary>
public static class ModelVerifier
{
    public static VerifiedVerdict Check(int claim, Verdict? proposed, MatchEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (proposed is not { } p)
            return new VerifiedVerdict(claim, Verdict.Undetermined, Verdict.Undetermined, false, "the model proposed no verdict for this claim");
        if (evidence.Claims.TryGetValue(claim, out var matched))
            return Verifier.Check(PatentFinderSteps.InputFor(claim, p, matched.Result));
        var check = Verifier.Check(new VerifierInput(claim, p, null, 0, null));
        return check.Accepted ? check : check with
        {
            Rejection = $"{check.Rejection} (no markush.match call on this patent with the molecule as given covers claim {claim})",
        };
    }

    /// <summary>Why a verdict that stood still deserves a second look: the model hedged where the evidence decides.</summary>
    public static string? Disagreement(int claim, VerifiedVerdict check, MatchEvidence evidence) =>
        check.Accepted && check.Proposed == Verdict.Undetermined
        && evidence.Claims.TryGetValue(claim, out var m) && m.Verdict != Verdict.Undetermined
            ? $"claim {claim}: you proposed undetermined, but the match evidence says {m.Verdict.ToText()}; read its sites again"
            : null;
}
