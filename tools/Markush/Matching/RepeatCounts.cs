using System.Globalization;
using System.Text.RegularExpressions;
using Sieve.Chemistry;
using Sieve.Markush.Model;

namespace Sieve.Markush.Matching;

/// <summary>One count tried for a bracketed repeat unit: <see cref="Count"/> copies, the evidence text ("n = 2"),
/// and whether the range it came from was assumed because the claims do not define the subscript.</summary>
internal sealed record RepeatCount(int Count, string Text, bool Assumed);

/// <summary>The counts to try for each repeat unit of a drawn formula (<c>Sg:n</c>), from its subscript: a number
/// as drawn ("3"), a drawn range ("1-3"), or a letter whose range the claims define ("n is 1, 2 or 3", "n is an
/// integer from 0 to 4"). A letter the claims leave undefined is tried from <see cref="DefaultMin"/> to
/// <see cref="DefaultMax"/> and every such variant is undetermined: the claims do not say, and the reader turns a
/// drawn digit it cannot read into <c>n</c>, so the bound is an assumption, never a reason for a verdict.</summary>
internal static class RepeatCounts
{
    public const int DefaultMin = 1;
    public const int DefaultMax = 10;
    /// <summary>Copies of one unit written out at most; a wider range is cut and the query marked incomplete.</summary>
    public const int MaxCopies = 50;

    public static List<List<RepeatCount>> For(Molecule drawn, MarkushStructure s, CompiledMarkush cm)
    {
        var result = new List<List<RepeatCount>>();
        foreach (var unit in drawn.RepeatUnits)
        {
            var sub = unit.Subscript.Trim();
            var name = sub.Length == 0 ? "the repeat count" : sub;
            var range = Regex.Match(sub, @"^(\d+)\s*[-\u2013]\s*(\d+)$");
            IEnumerable<int> values;
            Func<int, string> text;
            var assumed = false;
            if (int.TryParse(sub, NumberStyles.None, CultureInfo.InvariantCulture, out var fixedCount))
            {
                values = [fixedCount];
                text = k => $"repeat unit ×{k} (as drawn)";
            }
            else if (range.Success)
            {
                var (lo, hi) = (int.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture));
                values = Enumerable.Range(lo, Math.Max(0, hi - lo + 1));
                text = k => $"repeat unit ×{k} (drawn {sub})";
            }
            else if (s.Counts.TryGetValue(sub, out var cv))
            {
                values = cv.Allowed();
                text = k => $"{sub} = {k}";
            }
            else
            {
                values = Enumerable.Range(DefaultMin, DefaultMax - DefaultMin + 1);
                text = k => $"{name} = {k} ({name} not defined in the claims; {DefaultMin} to {DefaultMax} tried)";
                assumed = true;
                cm.Problem($"{name} (the subscript of a bracketed repeat unit) is not defined in the claims; counts {DefaultMin} to {DefaultMax} were tried and a fit is undetermined");
                cm.Incomplete = true;
            }
            var options = values.Where(k => k <= MaxCopies).Select(k => new RepeatCount(k, text(k), assumed)).ToList();
            if (values.Any(k => k > MaxCopies))
            {
                cm.Problem($"{name}: repeat counts above {MaxCopies} were not tried");
                cm.Incomplete = true;
            }
            if (options.Count == 0) cm.Problem($"{name}: no repeat count to try");
            else cm.RepeatRanges.Add(Describe(name, [.. options.Select(o => o.Count)]));
            result.Add(options);
        }
        return result;
    }

    /// <summary>"n = 2", "n = 1 to 4", "n = 1, 3" for the counts tried.</summary>
    private static string Describe(string name, IReadOnlyList<int> counts) =>
        counts.Count == 1 ? $"{name} = {counts[0]}"
        : counts[^1] - counts[0] == counts.Count - 1 ? $"{name} = {counts[0]} to {counts[^1]}"
        : $"{name} = {string.Join(", ", counts)}";
}
