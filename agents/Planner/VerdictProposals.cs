using System.Text.Json;
using System.Text.Json.Nodes;
using Sieve.Markush.Matching;

namespace Sieve.Agents.Planner;

/// <summary>The verdicts a model proposes, read from its answer: a JSON object
/// <c>{"verdicts": [{"claim": 1, "verdict": "covered" | "not covered" | "undetermined"}]}</c>, bare or in a code
/// fence, anywhere in the text. What cannot be read is reported, not guessed.</summary>
public static class VerdictProposals
{
    public sealed record Result(IReadOnlyDictionary<int, Verdict> Verdicts, IReadOnlyList<string> Problems);

    public static Result Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new(new Dictionary<int, Verdict>(), ["the answer was empty"]);
        var node = FindObject(text);
        if (node?["verdicts"] is not JsonArray list)
            return new(new Dictionary<int, Verdict>(), ["the answer holds no JSON object with a \"verdicts\" list"]);
        var verdicts = new SortedDictionary<int, Verdict>();
        var problems = new List<string>();
        foreach (var item in list)
        {
            if (item is not JsonObject o || !TryInt(o["claim"], out var claim))
            {
                problems.Add($"an entry without a claim number: {item?.ToJsonString()}");
                continue;
            }
            var word = o["verdict"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (ReadVerdict(word) is { } verdict) verdicts[claim] = verdict;
            else problems.Add($"claim {claim}: '{word}' is not a verdict (use covered, not covered, undetermined)");
        }
        return new(verdicts, problems);
    }

    public static Verdict? ReadVerdict(string? word) =>
        (word ?? "").Trim().ToLowerInvariant().Replace('_', ' ').Replace('-', ' ') switch
        {
            "covered" => Verdict.Covered,
            "not covered" or "notcovered" => Verdict.NotCovered,
            "undetermined" => Verdict.Undetermined,
            _ => null,
        };

    private static bool TryInt(JsonNode? n, out int value)
    {
        value = 0;
        if (n is not JsonValue v) return false;
        if (v.TryGetValue(out int i)) { value = i; return true; }
        return v.TryGetValue(out string? s) && int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The last JSON object in the text that has a "verdicts" member (models often think aloud first).</summary>
    private static JsonObject? FindObject(string text)
    {
        for (var start = text.LastIndexOf('{'); start >= 0; start = start == 0 ? -1 : text.LastIndexOf('{', start - 1))
        {
            var end = text.LastIndexOf('}');
            while (end > start)
            {
                try
                {
                    if (JsonNode.Parse(text[start..(end + 1)]) is JsonObject o && o.ContainsKey("verdicts")) return o;
                    break;
                }
                catch (JsonException)
                {
                    end = text.LastIndexOf('}', end - 1);
                }
            }
        }
        return null;
    }
}
