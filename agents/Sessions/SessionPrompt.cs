using System.Text;

namespace Sieve.Agents.Sessions;

/// <summary>The system prompt of a model-backed chat turn: what Sieve is, what is attached, which reports exist.
/// Kept short and factual; the verdicts come from the deterministic reports, never from the model.</summary>
public static class SessionPrompt
{
    public static string System(ChatTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var b = new StringBuilder();
        b.AppendLine("You are Sieve, an assistant for chemists and patent analysts deciding whether a small molecule " +
                     "falls within a patent's Markush claims. Answer from the attachments and reports below; do not " +
                     "invent verdicts: a verdict exists only where a report below states it. The user runs /report to " +
                     "produce one for the latest attached patent and molecule.");
        b.AppendLine();
        b.AppendLine("Attachments (the latest patent and the latest molecule are the ones /report uses):");
        if (turn.Attachments.Count == 0) b.AppendLine("- none");
        foreach (var a in turn.Attachments) b.AppendLine($"- {a.Description}");
        b.AppendLine();
        b.AppendLine("Reports produced in this session:");
        if (turn.Results.Count == 0) b.AppendLine("- none");
        foreach (var r in turn.Results)
            b.AppendLine($"- {r.CanonicalSmiles} against {r.Patent}: {r.Verdict}. {r.Summary} (files in {r.Directory})");
        return b.ToString().TrimEnd();
    }
}
