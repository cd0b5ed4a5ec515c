using System.ClientModel;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Sieve.Agents.Models;
using Sieve.Agents.PatentFinder;
using Sieve.Agents.Reports;
using Sieve.Agents.Telemetry;
using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Smiles;
using Sieve.Markush.Matching;
using Sieve.Markush.Package;

namespace Sieve.Agents.Planner;

/// <summary>The PatentFinder plan with a model: claim analyst → chemist → verifier (re-asking the chemist on a
/// rejection, a bounded number of times) → writer. The model chooses the tool calls and writes the prose; every
/// verdict in the report is the verifier's answer to the model's proposal, checked against the evidence the tools
/// returned in those very calls (captured by <see cref="ToolCallRecorder"/>). The report is the same
/// <see cref="InfringementReport"/> the deterministic <see cref="PatentFinderPipeline"/> writes, plus the prose.
/// Our own small orchestrator over Semantic Kernel, not Agent Framework: see docs/architecture.md.</summary>
public sealed class ModelDrivenPlanner(IChatClient chat, ModelPlannerOptions? options = null, TimeProvider? clock = null, Action<StepLog>? log = null)
{
    private const string PlannerName = "model";
    private readonly IChatClient _chat = chat ?? throw new ArgumentNullException(nameof(chat));
    private readonly ModelPlannerOptions _options = options ?? new ModelPlannerOptions();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The tool calls of the last run, in order (for a session store or a test).</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; private set; } = [];

    public async Task<InfringementReport> RunAsync(string patentDirectory, MoleculeSource molecule, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patentDirectory);
        ArgumentNullException.ThrowIfNull(molecule);
        var packageDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(patentDirectory));
        var root = Path.GetDirectoryName(packageDir) ?? packageDir;
        var patentPath = Path.GetFileName(packageDir);
        // The model passes SMILES; a molecule that came as a molfile is handed over (and reported) as canonical
        // SMILES, so the evidence's atom indices and the drawings refer to the same atom order.
        if (!IsSmilesInput(molecule))
        {
            var smiles = CanonicalSmiles.Of(molecule.Molecule);
            molecule = molecule with { Molecule = SmilesReader.Read(smiles), Structure = smiles };
        }
        var steps = new List<StepLog>();
        void Log(string step, string outcome)
        {
            var entry = new StepLog(step, outcome);
            steps.Add(entry);
            log?.Invoke(entry);
        }

        var recorder = new ToolCallRecorder();
        var kernel = SieveKernel.Build(_chat, root, recorder);
        var client = SieveKernel.Chat(kernel);

        // What the plan decides over: the package's independent compound claims with a structure (as the matcher does).
        var claims = PatentFinderSteps.ReadClaims(packageDir);
        var markush = PatentFinderSteps.ReadMarkush(claims);
        var decide = claims.Independent.Where(c => c.Structure is not null).Select(c => c.Number).ToList();

        string analysis;
        using (var span = AgentTelemetry.StartStep("claim-analyst", PlannerName))
        {
            recorder.Step = "claim-analyst";
            analysis = await ConverseAsync(client, "claim-analyst",
                [new(ChatRole.System, AgentPrompts.ClaimAnalyst), new(ChatRole.User, AgentPrompts.AnalystTask(patentPath))],
                SieveKernel.Options(kernel, SieveKernel.Tools(kernel, "patent.read_patent", "markush.parse_claims")), cancellationToken).ConfigureAwait(false);
            Log("claim-analyst", $"{CallsIn(recorder, "claim-analyst")}; claims to decide: {(decide.Count == 0 ? "none" : string.Join(", ", decide))}");
            span?.SetTag("sieve.agent.claims", string.Join(",", decide));
        }

        var verdicts = await ChemistAndVerifierAsync(client, kernel, recorder, packageDir, patentPath, molecule.Structure, decide, analysis, Log, cancellationToken).ConfigureAwait(false);

        var evidence = MatchEvidence.From(recorder.Calls, packageDir, molecule.Structure);
        var matched = Matched(markush, evidence, decide, molecule.Structure);
        var verified = PatentFinderSteps.Verify(matched, c => verdicts.Final[c.Claim]);
        verified = verified with { Notes = [.. verified.Notes, .. verdicts.Notes, .. evidence.Ignored.Select(i => "evidence not counted: " + i)] };
        Log("verify", $"overall {verified.Overall.ToText()}; {verdicts.Reasks} re-ask(s); " +
                      $"{verified.Claims.Count(c => !c.Check.Accepted)} claim verdict(s) rejected for lack of evidence");

        var report = ReportBuilder.Build(verified, molecule, steps, _clock);
        string prose;
        using (AgentTelemetry.StartStep("writer", PlannerName))
        {
            recorder.Step = "writer";
            prose = await ConverseAsync(client, "writer",
                [new(ChatRole.System, AgentPrompts.Writer), new(ChatRole.User, AgentPrompts.WriterTask(report))], SieveKernel.Options(kernel, []), cancellationToken).ConfigureAwait(false);
            Log("write", $"report assembled from verified evidence; prose by the model ({prose.Length} characters)");
        }
        ToolCalls = recorder.Calls;
        return report with { Steps = steps, Narrative = prose.Trim().Length == 0 ? null : prose.Trim() };
    }

    private sealed record ChemistOutcome(IReadOnlyDictionary<int, VerifiedVerdict> Final, int Reasks, IReadOnlyList<string> Notes);

    /// <summary>The chemist proposes verdicts; the verifier checks each against the captured evidence; rejections go
    /// back to the chemist, at most <see cref="ModelPlannerOptions.MaxReasks"/> times. What never gets evidence ends
    /// undetermined, with the verifier's reason.</summary>
    private async Task<ChemistOutcome> ChemistAndVerifierAsync(
        IChatClient client, Kernel kernel, ToolCallRecorder recorder, string packageDir, string patentPath, string smiles,
        IReadOnlyList<int> decide, string analysis, Action<string, string> log, CancellationToken ct)
    {
        var tools = SieveKernel.Options(kernel, SieveKernel.Tools(kernel, "markush.match", "markush.parse_claims", "chemistry.canonicalize", "chemistry.describe", "chemistry.substructure"));
        List<ChatMessage> messages =
        [
            new(ChatRole.System, AgentPrompts.Chemist),
            new(ChatRole.User, AgentPrompts.ChemistTask(patentPath, smiles, decide, analysis)),
        ];
        var proposed = new Dictionary<int, Verdict>();
        var watch = new LabelBiasWatch();
        var final = new Dictionary<int, VerifiedVerdict>();
        var reasks = 0;
        for (var round = 0; ; round++)
        {
            VerdictProposals.Result proposals;
            using (AgentTelemetry.StartStep("chemist", PlannerName)?.SetTag("sieve.agent.round", round))
            {
                recorder.Step = "chemist";
                var answer = await ConverseAsync(client, "chemist", messages, tools, ct).ConfigureAwait(false);
                proposals = VerdictProposals.Parse(answer);
                foreach (var (claim, verdict) in proposals.Verdicts) proposed[claim] = verdict;
                log("chemist", $"round {round}: {CallsIn(recorder, "chemist")}; proposed " +
                               (proposals.Verdicts.Count == 0 ? "nothing readable" : string.Join(", ", proposals.Verdicts.Select(p => $"claim {p.Key} {p.Value.ToText()}"))));
            }
            var rejections = new List<string>(proposals.Problems);
            using (var span = AgentTelemetry.StartStep("verifier", PlannerName)?.SetTag("sieve.agent.round", round))
            {
                recorder.Step = "verifier";
                var evidence = MatchEvidence.From(recorder.Calls, packageDir, smiles);
                foreach (var claim in decide)
                {
                    var check = ModelVerifier.Check(claim, proposed.TryGetValue(claim, out var p) ? p : null, evidence);
                    final[claim] = check;
                    if (proposed.ContainsKey(claim) && proposals.Verdicts.ContainsKey(claim))
                        watch.Observe(claim, check.Proposed, evidence.Claims.TryGetValue(claim, out var e) ? e.Verdict : null, check.Accepted);
                    if (!check.Accepted) rejections.Add(check.Note);
                    else if (ModelVerifier.Disagreement(claim, check, evidence) is { } d) rejections.Add(d);
                }
                span?.SetTag("sieve.agent.rejections", rejections.Count);
                log("verifier", $"round {round}: " + (rejections.Count == 0 ? "every verdict backed by tool evidence" : string.Join("; ", rejections)));
            }
            if (rejections.Count == 0 || round >= _options.MaxReasks) break;
            reasks++;
            messages.Add(new ChatMessage(ChatRole.User, AgentPrompts.Reask(rejections)));
        }
        return new ChemistOutcome(final, reasks, watch.Notes());
    }

    /// <summary>The matcher records the verifier and the report read: the captured evidence per claim; a claim the
    /// model never matched gets an empty undetermined record (its verdict is whatever the verifier left).</summary>
    private static Matched Matched(MarkushRead markush, MatchEvidence evidence, IReadOnlyList<int> decide, string smiles)
    {
        var claimVerdicts = new List<ClaimVerdict>();
        foreach (var claim in decide)
        {
            if (evidence.Claims.TryGetValue(claim, out var v)) { claimVerdicts.Add(v); continue; }
            var formula = markush.Structures.TryGetValue(claim, out var s) ? s.FormulaName ?? "" : "";
            claimVerdicts.Add(new ClaimVerdict(claim, Verdict.Undetermined,
                new MatchResult(Verdict.Undetermined, "no tool evidence: this claim was not matched by a tool call on the molecule as given",
                    formula, () => smiles, [], [], 0, null, []),
                null, []));
        }
        var package = markush.Claims.Package;
        var patent = new PatentVerdict(package.Info.Number, Verdict.Undetermined, claimVerdicts,
            evidence.AnyEvaluation?.SpeciesClaimsNotChecked ?? markush.Claims.SpeciesClaims, package.Problems);
        var results = new SortedDictionary<int, MatchResult>();
        foreach (var c in claimVerdicts)
        {
            results[c.Claim] = c.Result;
            foreach (var d in c.Dependents) results.TryAdd(d.Claim, d.Result);
        }
        return new Matched(markush, patent, results);
    }

    private static string CallsIn(ToolCallRecorder recorder, string step)
    {
        var calls = recorder.Calls.Where(c => c.Step == step).ToList();
        return calls.Count == 0 ? "no tool calls" : $"{calls.Count} tool call(s): {string.Join(", ", calls.Select(c => c.Name + (c.Error is null ? "" : " (error)")))}";
    }

    /// <summary>The client's retry policy wraps refused connections in an AggregateException.</summary>
    private static bool IsBackendFailure(Exception e) =>
        e is HttpRequestException or ClientResultException or IOException
        || (e is AggregateException a && a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsBackendFailure));

    /// <summary>A molecule given as SMILES keeps it as its structure; one read from a molfile holds the molfile.</summary>
    private static bool IsSmilesInput(MoleculeSource m) => !m.Structure.Contains('\n', StringComparison.Ordinal);

    /// <summary>One request (with its automatic tool rounds); the answer's messages join the conversation. A backend
    /// that cannot be reached becomes a <see cref="ChatBackendException"/> naming the step.</summary>
    private static async Task<string> ConverseAsync(IChatClient client, string step, List<ChatMessage> messages, ChatOptions chatOptions, CancellationToken ct)
    {
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync(messages, chatOptions, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsBackendFailure(e) || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            Activity.Current?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw new ChatBackendException($"the chat model failed during the {step} step: {e.Message}", e);
        }
        messages.AddRange(response.Messages);
        return response.Messages.LastOrDefault(m => m.Role == ChatRole.Assistant)?.Text ?? "";
    }
}

/// <summary>Limits of a model-driven run.</summary>
public sealed record ModelPlannerOptions
{
    /// <summary>How many times the chemist is asked again after the verifier rejected its verdicts.</summary>
    public int MaxReasks { get; init; } = 2;
}
