using Sieve.Chemistry;
using Sieve.KernelFunctions.Patents;
using Sieve.Markush.Matching;
using Sieve.Markush.Model;
using Sieve.Markush.Package;

namespace Sieve.Agents.PatentFinder;

/// <summary>The plan's steps as plain functions over typed records, so the deterministic pipeline and a later
/// model-driven planner call the same tools the same way.</summary>
public static class PatentFinderSteps
{
    /// <summary>Claims: reads the patent folder (claims.txt, formulas/, patent.json); drawn formulas are read through
    /// OCSR (<see cref="PatentPackages"/>).</summary>
    public static ClaimsRead ReadClaims(string patentDirectory) => ReadClaims(PatentPackages.Load(patentDirectory));

    /// <summary>Claims of a package already loaded.</summary>
    public static ClaimsRead ReadClaims(PatentPackage package)
    {
        var compound = package.Claims.Claims.Where(c => c.Kind == ClaimKind.Compound).ToList();
        return new ClaimsRead(
            package,
            [.. compound.Where(c => c.IsIndependent)],
            [.. compound.Where(c => !c.IsIndependent)],
            [.. package.Claims.Claims.Where(c => c.Kind == ClaimKind.Species).Select(c => c.Number)]);
    }

    /// <summary>Markush: the structure of every compound claim, as the claim parser read it.</summary>
    public static MarkushRead ReadMarkush(ClaimsRead claims)
    {
        var structures = new SortedDictionary<int, MarkushStructure>();
        var missing = new List<int>();
        foreach (var c in claims.Independent.Concat(claims.Dependent).OrderBy(c => c.Number))
        {
            if (c.Structure is { } s) structures[c.Number] = s;
            else missing.Add(c.Number);
        }
        return new MarkushRead(claims, structures, missing);
    }

    /// <summary>Match: the molecule against every independent claim and its dependents.</summary>
    public static Matched Match(MarkushRead markush, Molecule molecule)
    {
        var verdict = PatentEvaluator.Evaluate(markush.Claims.Package, molecule);
        var results = new SortedDictionary<int, MatchResult>();
        foreach (var c in verdict.Claims) results[c.Claim] = c.Result;
        // The verifier needs the dependent claims' evidence too; the evaluator already matched them.
        foreach (var c in verdict.Claims)
            foreach (var d in c.Dependents)
                results.TryAdd(d.Claim, d.Result);
        return new Matched(markush, verdict, results);
    }

    /// <summary>Verify: every verdict, independent and dependent, through <see cref="Verifier"/>. The independent
    /// claims' verdicts are the matcher's own unless <paramref name="checkIndependent"/> supplies the verifier's
    /// answer to someone else's proposal (the model-driven plan verifies the model's verdicts itself, re-asking on a
    /// rejection, and hands the final answers in here).</summary>
    public static Verified Verify(Matched matched, Func<ClaimVerdict, VerifiedVerdict>? checkIndependent = null)
    {
        var notes = new List<string>();
        var claims = new List<VerifiedClaim>();
        foreach (var c in matched.Patent.Claims)
        {
            var check = checkIndependent?.Invoke(c) ?? Verifier.Check(InputFor(c.Claim, c.Verdict, c.Result));
            notes.Add(check.Note);
            var deps = new List<VerifiedVerdict>();
            foreach (var d in c.Dependents)
            {
                var dc = matched.Results.TryGetValue(d.Claim, out var r)
                    ? Verifier.Check(InputFor(d.Claim, d.Verdict, r))
                    : Verifier.Check(new VerifierInput(d.Claim, d.Verdict, null, -1, null));
                if (!dc.Accepted) notes.Add(dc.Note);
                deps.Add(dc);
            }
            // The narrowest covering claim must itself be a covered verdict that stood, under a root that stood.
            int? narrowest = c.NarrowestCoveringClaim;
            if (narrowest is { } n && (check.Verdict != Verdict.Covered || deps.FirstOrDefault(d => d.Claim == n)?.Verdict != Verdict.Covered))
            {
                notes.Add($"claim {c.Claim}: narrowest covering claim {n} not kept (its covered verdict did not stand)");
                narrowest = null;
            }
            claims.Add(new VerifiedClaim(c, check, deps, narrowest));
        }
        var verdicts = claims.Select(c => c.Check.Verdict).ToList();
        var overall = verdicts.Contains(Verdict.Covered) ? Verdict.Covered
            : verdicts.Contains(Verdict.Undetermined) || verdicts.Count == 0 ? Verdict.Undetermined : Verdict.NotCovered;
        if (verdicts.Count == 0) notes.Add("the patent has no independent compound claim with a readable structure");
        return new Verified(matched, overall, claims, notes);
    }

    /// <summary>The verifier's input from a matcher result: its own evidence, nothing else.</summary>
    public static VerifierInput InputFor(int claim, Verdict proposed, MatchResult result) =>
        new(claim, proposed, result.Evidence, result.EmbeddingsTried,
            result.Evidence is null && result.EmbeddingsTried == 0 ? result.Summary : null);
}
