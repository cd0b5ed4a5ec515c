using System.Text.Json.Nodes;

namespace Sieve.Agents.Tests.Planner;

/// <summary>A scripted model for the PatentFinder roles. The analyst reads the patent with tools; the chemist's
/// behaviour is given per turn (its first answer, then its answers to re-asks); the writer writes a marked
/// paragraph. When the chemist has just received a match result it answers with the verdicts that result holds —
/// so what reaches the report went through the real tools and back through HTTP.</summary>
internal sealed class PatentFinderScript(string patent, string smiles, params Func<ScriptedRequest, ScriptedReply>[] chemistTurns)
{
    public const string Prose = "NARRATIVE-7f3: the scripted writer explains the verified verdicts.";

    public static ScriptedReply Claim(string json) => ScriptedReply.Say("My answer:\n```json\n" + json + "\n```");

    /// <summary>Chemist turn: call the matcher on the patent and the molecule as given.</summary>
    public Func<ScriptedRequest, ScriptedReply> Match(string? otherSmiles = null) =>
        _ => ScriptedReply.Call(("markush_match", new { path = patent, smiles = otherSmiles ?? smiles }));

    /// <summary>Chemist turn: a verdict with no tool call at all.</summary>
    public static Func<ScriptedRequest, ScriptedReply> MadeUp(int claim, string verdict) =>
        _ => Claim($"{{\"verdicts\": [{{\"claim\": {claim}, \"verdict\": \"{verdict}\"}}]}}");

    public ScriptedReply Answer(ScriptedRequest r)
    {
        if (r.Is("claim analyst"))
            return r.ToolResults.Count == 0
                ? ScriptedReply.Call(("patent_read_patent", new { path = patent }), ("markush_parse_claims", new { path = patent }))
                : ScriptedReply.Say("Claim 1 is the independent compound claim, on formula (I) with sites R1, R2, R3.");
        if (r.Is("chemist"))
        {
            if (r.Last.Role == "tool") return FromMatch(r.Last.Content);
            var turn = r.UserMessages.Count - 1;
            return chemistTurns[Math.Min(turn, chemistTurns.Length - 1)](r);
        }
        if (r.Is("writer")) return ScriptedReply.Say(Prose);
        throw new InvalidOperationException($"no script for system prompt '{r.System}'");
    }

    /// <summary>Echoes the per-claim verdicts of a markush_match result as the chemist's JSON answer.</summary>
    private static ScriptedReply FromMatch(string toolResult)
    {
        var result = JsonNode.Parse(toolResult)!;
        var verdicts = new JsonArray();
        foreach (var c in result["claims"]!.AsArray())
            verdicts.Add(new JsonObject { ["claim"] = c!["claim"]!.GetValue<int>(), ["verdict"] = c["verdict"]!.GetValue<string>() });
        return Claim(new JsonObject { ["verdicts"] = verdicts }.ToJsonString());
    }
}
