using Sieve.Chemistry;
using Sieve.Markush.Matching;
using Sieve.Markush.Model;

namespace Sieve.Markush.Package;

/// <summary>The result for one dependent claim under an independent claim. <see cref="Result"/> is the full match
/// (kept so a verifier can check the dependent verdict without matching again; left out of JSON, which stays a
/// summary per dependent claim).</summary>
public sealed record DependentVerdict(
    int Claim, Verdict Verdict, string Summary, [property: System.Text.Json.Serialization.JsonIgnore] MatchResult Result);

/// <summary>One independent compound claim: its verdict, and the narrowest dependent claim that still covers the
/// molecule (deepest in the dependency chain, then highest number).</summary>
public sealed record ClaimVerdict(
    int Claim,
    Verdict Verdict,
    MatchResult Result,
    int? NarrowestCoveringClaim,
    IReadOnlyList<DependentVerdict> Dependents);

/// <summary>The molecule against a whole patent. <see cref="Verdict"/> is the best over independent claims.</summary>
public sealed record PatentVerdict(
    string? Patent,
    Verdict Verdict,
    IReadOnlyList<ClaimVerdict> Claims,
    IReadOnlyList<int> SpeciesClaimsNotChecked,
    IReadOnlyList<string> Problems);

public static class PatentEvaluator
{
    /// <summary>Evaluates every independent compound claim (or only <paramref name="claim"/> and the claims that
    /// depend on it, when given).</summary>
    public static PatentVerdict Evaluate(PatentPackage package, Molecule molecule, int? claim = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(molecule);
        var claims = package.Claims.Claims;
        var results = new List<ClaimVerdict>();
        var cache = new Dictionary<int, MatchResult>();
        MatchResult Run(Claim c) => cache.TryGetValue(c.Number, out var r) ? r : cache[c.Number] = MarkushMatcher.Match(molecule, c.Structure!);

        var roots = claims.Where(c => c.Kind == ClaimKind.Compound && c.Structure is not null && (claim is null ? c.IsIndependent : c.Number == claim));
        foreach (var root in roots)
        {
            var res = Run(root);
            var deps = new List<DependentVerdict>();
            int? narrowest = null; var bestDepth = 0;
            foreach (var c in claims)
            {
                if (c.Number == root.Number || c.Kind != ClaimKind.Compound || c.Structure is null) continue;
                var depth = Depth(package.Claims, c, root.Number);
                if (depth <= 0) continue;
                var r = Run(c);
                deps.Add(new DependentVerdict(c.Number, r.Verdict, r.Summary, r));
                if (r.Verdict == Verdict.Covered && depth >= bestDepth) { bestDepth = depth; narrowest = c.Number; }
            }
            results.Add(new ClaimVerdict(root.Number, res.Verdict, res, narrowest, deps));
        }
        var verdict = results.Any(r => r.Verdict == Verdict.Covered) ? Verdict.Covered
            : results.Any(r => r.Verdict == Verdict.Undetermined) ? Verdict.Undetermined : Verdict.NotCovered;
        var species = claims.Where(c => c.Kind == ClaimKind.Species).Select(c => c.Number).ToList();
        return new PatentVerdict(package.Info.Number, verdict, results, species, package.Problems);
    }

    /// <summary>How many dependency steps lead from <paramref name="c"/> to <paramref name="root"/>; 0 when it does not.</summary>
    private static int Depth(ClaimSet set, Claim c, int root)
    {
        var depth = 0;
        var current = c;
        for (var guard = 0; guard < 100 && current is not null; guard++)
        {
            if (current.DependsOn.Count == 0) return 0;
            depth++;
            if (current.DependsOn.Contains(root)) return depth;
            current = set.Get(current.DependsOn[0]);
        }
        return 0;
    }
}
