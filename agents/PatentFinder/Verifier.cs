using Sieve.Markush.Matching;

namespace Sieve.Agents.PatentFinder;

/// <summary>What the verifier is asked to check: a proposed verdict for one claim and the tool evidence offered
/// for it. Whoever proposes the verdict (the deterministic plan or, later, a model) fills this from the matcher's
/// records; the verifier trusts nothing else.</summary>
public sealed record VerifierInput(
    int Claim,
    Verdict Proposed,
    EmbeddingEvidence? Evidence,
    int EmbeddingsTried,
    string? ScaffoldAbsentStatement);

/// <summary>The verifier's answer: the verdict that stands, and why a proposed verdict was rejected.</summary>
public sealed record VerifiedVerdict(int Claim, Verdict Proposed, Verdict Verdict, bool Accepted, string? Rejection)
{
    public string Note => Accepted
        ? $"claim {Claim}: {Proposed.ToText()} accepted"
        : $"claim {Claim}: proposed {Proposed.ToText()} rejected, now {Verdict.ToText()}: {Rejection}";
}

/// <summary>No evidence, no verdict. A covered verdict needs a scaffold embedding whose every site fits its
/// definition; a not-covered verdict needs an embedding with a failing site (or a scaffold problem), or a
/// statement that the scaffold does not occur after a search that found no embedding. Anything else becomes
/// undetermined with the reason. Undetermined is never turned into covered or not covered: the verifier only
/// removes confidence, it never adds it.</summary>
public static class Verifier
{
    public static VerifiedVerdict Check(VerifierInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reason = input.Proposed switch
        {
            Verdict.Undetermined => null,
            Verdict.Covered => WhyNotCovered(input.Evidence),
            Verdict.NotCovered => WhyNotNotCovered(input),
            _ => $"unknown verdict {input.Proposed}",
        };
        return reason is null
            ? new VerifiedVerdict(input.Claim, input.Proposed, input.Proposed, true, null)
            : new VerifiedVerdict(input.Claim, input.Proposed, Verdict.Undetermined, false, reason);
    }

    private static string? WhyNotCovered(EmbeddingEvidence? e)
    {
        if (e is null) return "no scaffold embedding was offered as evidence";
        if (e.Verdict != Verdict.Covered) return $"the embedding offered is {e.Verdict.ToText()}, not covered";
        if (e.ScaffoldToMolecule.Count == 0) return "the embedding maps no scaffold atom to the molecule";
        // A formula whose only variables are in the scaffold (a repeat count, a ring atom) is shown by its choices.
        if (e.Sites.Count == 0 && e.Choices.Count == 0) return "the embedding carries no site evidence";
        foreach (var s in e.Sites)
        {
            if (s.Status != Fit.Yes) return $"site {s.Label} ({s.Substituent}) is not shown to fit its definition";
            if (string.IsNullOrWhiteSpace(s.Definition)) return $"site {s.Label} has no definition it was checked against";
        }
        if (e.Problems.Count > 0) return $"the embedding has scaffold problems: {string.Join("; ", e.Problems)}";
        return null;
    }

    private static string? WhyNotNotCovered(VerifierInput input)
    {
        var e = input.Evidence;
        if (e is null)
        {
            if (input.EmbeddingsTried != 0) return "embeddings were tried but none was offered as evidence";
            return string.IsNullOrWhiteSpace(input.ScaffoldAbsentStatement)
                ? "no embedding and no statement that the scaffold is absent"
                : null;
        }
        if (e.Verdict != Verdict.NotCovered) return $"the embedding offered is {e.Verdict.ToText()}, not 'not covered'";
        if (e.ScaffoldToMolecule.Count == 0) return "the embedding maps no scaffold atom to the molecule";
        // A miss must be pinned on something: a site outside its definition (with the reason) or a scaffold problem.
        foreach (var s in e.Sites)
            if (s.Status == Fit.No && !string.IsNullOrWhiteSpace(s.Reason)) return null;
        if (e.Problems.Count > 0) return null;
        return e.Sites.Count == 0
            ? "the embedding carries no site evidence and no scaffold problem"
            : "no site is shown to fall outside its definition";
    }
}
