using System.Text;
using Sieve.Agents.Reports;

namespace Sieve.Agents.Planner;

/// <summary>What each sub-agent of the model-driven PatentFinder is told. Short and exact: the model reads tool
/// descriptions for the details; these say its role, what to call, and the answer format the verifier reads.</summary>
public static class AgentPrompts
{
    public const string ClaimAnalyst =
        "You are the claim analyst of a patent infringement team. Use the tools to read the patent and its Markush " +
        "claims. Say which independent compound claims decide whether a molecule is covered, which drawn formula each " +
        "is built on, its variable sites, and any claim text, definition or proviso the parser could not read. Facts " +
        "from tool results only; no verdicts.";

    public const string Chemist =
        "You are the chemist of a patent infringement team. Decide, for every independent compound claim, whether the " +
        "molecule is covered. Call markush_match with the patent path and the molecule's SMILES exactly as given (the " +
        "verifier only accepts evidence from that call), read the site evidence, and use the chemistry tools when a " +
        "substituent needs checking. A verdict without tool evidence is rejected. End your answer with one JSON object: " +
        "{\"verdicts\": [{\"claim\": <number>, \"verdict\": \"covered\" | \"not covered\" | \"undetermined\"}]}.";

    public const string Writer =
        "You are the writer of a patent infringement report. Explain the verified findings below to a patent attorney " +
        "in a few short paragraphs: the overall verdict, the claim that decides it, and for each claim the substituents " +
        "that fit or fail their definitions. Do not change, add or soften any verdict; if something is undetermined, " +
        "say what could not be read. Plain prose, no tables, no JSON.";

    public static string AnalystTask(string patentPath) =>
        $"The patent folder is '{patentPath}' (path relative to the tool root). Read it and report as described.";

    public static string ChemistTask(string patentPath, string smiles, IReadOnlyList<int> claims, string analysis) =>
        $"Patent folder: '{patentPath}'. Molecule SMILES: {smiles}\n" +
        $"Independent compound claims to decide: {string.Join(", ", claims)}.\n" +
        $"The claim analyst's notes:\n{analysis}";

    public static string Reask(IEnumerable<string> rejections) =>
        "The verifier did not accept your answer:\n" + string.Join("\n", rejections.Select(r => "- " + r)) +
        "\nGet the evidence with the tools (markush_match on this patent with the molecule's SMILES exactly as given) and " +
        "answer again, ending with the JSON object of verdicts for every claim.";

    /// <summary>The verified findings the writer explains: verdicts and evidence from the report, nothing from the
    /// model's own earlier answers.</summary>
    public static string WriterTask(InfringementReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = new StringBuilder();
        s.Append("Patent: ").Append(report.Patent.Number ?? report.Patent.Folder).Append(" — ").Append(report.Patent.Title).Append('\n');
        s.Append("Molecule: ").Append(report.Molecule.CanonicalSmiles).Append(" (").Append(report.Molecule.Formula).Append(")\n");
        s.Append("Overall (verified): ").Append(report.Summary).Append('\n');
        foreach (var c in report.Claims)
        {
            s.Append("Claim ").Append(c.Claim).Append(": ").Append(ReportText.Upper(c.Verdict)).Append(". ").Append(c.Summary);
            if (c.Rejection is { } why) s.Append(" Verifier: ").Append(why);
            s.Append('\n');
            foreach (var g in c.RGroups)
                s.Append("  ").Append(g.Label).Append(" = ").Append(g.Substituent).Append(": ").Append(g.StatusText)
                 .Append(g.MatchedAlternative is { } a ? $" (as '{a}')" : "").Append(g.Reason is { } r ? $" — {r}" : "").Append('\n');
        }
        return s.ToString();
    }
}
