using Sieve.KernelFunctions.Markush;
using Sieve.Markush.Package;

namespace Sieve.Agents.Planner;

/// <summary>The matcher evidence a model's tool calls produced for one patent and one molecule: the claim verdicts
/// (with their full embedding evidence) of every successful <c>markush.match</c> call on that package with exactly
/// that SMILES. A call on another package or another SMILES text is listed in <see cref="Ignored"/>, not counted:
/// atom indices in the report must refer to the molecule as given.</summary>
public sealed class MatchEvidence
{
    private MatchEvidence(IReadOnlyDictionary<int, ClaimVerdict> claims, IReadOnlyList<string> ignored, PatentVerdict? any)
    {
        Claims = claims;
        Ignored = ignored;
        AnyEvaluation = any;
    }

    /// <summary>Independent claim → the matcher's verdict for it, from the latest call that covered it.</summary>
    public IReadOnlyDictionary<int, ClaimVerdict> Claims { get; }

    public IReadOnlyList<string> Ignored { get; }

    /// <summary>One of the evaluations counted (for the patent-level lists: species claims, package problems).</summary>
    public PatentVerdict? AnyEvaluation { get; }

    public static MatchEvidence From(IEnumerable<ToolCall> calls, string packageDirectory, string smiles)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(packageDirectory));
        var claims = new SortedDictionary<int, ClaimVerdict>();
        var ignored = new List<string>();
        PatentVerdict? any = null;
        foreach (var call in calls)
        {
            if (call.Plugin != MarkushPlugin.PluginName || call.Function != "match") continue;
            if (call.Result is not MarkushMatchReport { Evaluation: { } evaluation } report)
            {
                ignored.Add($"call {call.Sequence} ({call.Name}) returned no match: {call.Error ?? "no result"}");
                continue;
            }
            if (!string.Equals(Path.TrimEndingDirectorySeparator(report.PackageDirectory ?? ""), dir, StringComparison.Ordinal))
            {
                ignored.Add($"call {call.Sequence} ({call.Name}) matched another patent ({call.Argument("path")})");
                continue;
            }
            if (!string.Equals(call.Argument("smiles")?.Trim(), smiles.Trim(), StringComparison.Ordinal))
            {
                ignored.Add($"call {call.Sequence} ({call.Name}) matched another SMILES ('{call.Argument("smiles")}'), not the molecule as given");
                continue;
            }
            any = evaluation;
            foreach (var c in evaluation.Claims) claims[c.Claim] = c;
        }
        return new MatchEvidence(claims, ignored, any);
    }
}
