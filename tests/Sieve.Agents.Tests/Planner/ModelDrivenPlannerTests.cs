using System.Diagnostics;
using Microsoft.Extensions.AI;
using Sieve.Agents.Models;
using Sieve.Agents.PatentFinder;
using Sieve.Agents.Planner;
using Sieve.Agents.Reports;
using Sieve.Markush.Matching;

namespace Sieve.Agents.Tests.Planner;

/// <summary>The model-driven PatentFinder against a scripted OpenAI-compatible server on loopback, through the real
/// OpenAI connector (ChatBackendFactory) and Semantic Kernel's function invocation: the tools the script asks for
/// really run, their results reach the report, and a verdict the script makes up without evidence is rejected.</summary>
public class ModelDrivenPlannerTests
{
    private const string Patent = "coxib-diarylpyrazole";

    private static IChatClient Client(ScriptedChatServer server, Func<string, string?>? env = null) =>
        ChatBackendFactory.Create(new ChatBackendOptions
        {
            Kind = "openai",
            OpenAI = { Endpoint = server.Endpoint, Model = "scripted", ApiKeyEnvironmentVariable = "SIEVE_TEST_KEY" },
        }, environment: env ?? (_ => "test-key"))!;

    private static Task<InfringementReport> Run(ScriptedChatServer server, string smiles, ModelDrivenPlanner? planner = null) =>
        (planner ?? new ModelDrivenPlanner(Client(server), clock: new FixedClock(Samples.When)))
            .RunAsync(Samples.Patent(Patent), MoleculeSource.Read(smiles));

    [Fact]
    public async Task A_made_up_verdict_is_rejected_and_the_reasked_model_backs_its_verdict_with_real_tool_evidence()
    {
        // First the chemist claims "not covered" for celecoxib without calling anything; re-asked, it calls the matcher.
        PatentFinderScript? script = null;
        script = new PatentFinderScript(Patent, Samples.Celecoxib, PatentFinderScript.MadeUp(1, "not covered"), r => script!.Match()(r));
        using var server = new ScriptedChatServer(r => script.Answer(r));

        var report = await Run(server, Samples.Celecoxib);

        // The verdict and the site evidence are the tools' own: the same as the deterministic plan's.
        var expected = Samples.Report(Patent, Samples.Celecoxib);
        Assert.Equal(Verdict.Covered, report.Verdict);
        var claim = Assert.Single(report.Claims, c => c.Claim == 1);
        Assert.Equal(Verdict.Covered, claim.Verdict);
        Assert.Equal(Verdict.Covered, claim.Proposed);
        Assert.Equal(expected.Claims[0].RGroups, claim.RGroups);
        Assert.Equal(expected.Claims[0].ScaffoldToMolecule, claim.ScaffoldToMolecule);
        Assert.Equal(expected.Claims[0].NarrowestCoveringClaim, claim.NarrowestCoveringClaim);

        // The made-up verdict was rejected and the chemist re-asked with the verifier's reason.
        var chemist = server.Requests.Where(r => r.Is("chemist")).ToList();
        var reask = Assert.Single(chemist.Last().UserMessages.Skip(1));
        Assert.Contains("claim 1: proposed not covered rejected", reask);
        Assert.Contains(report.VerifierNotes, n => n.Contains("label bias: the model proposed 'not covered' 1 time(s)", StringComparison.Ordinal));
        Assert.Contains(report.Steps, s => s.Step == "verify" && s.Outcome.Contains("1 re-ask(s)", StringComparison.Ordinal));

        // The tools really ran: their JSON results went back to the model over HTTP.
        var matchResult = Assert.Single(chemist.SelectMany(r => r.ToolResults).Distinct());
        Assert.Contains("\"verdict\":\"covered\"", matchResult.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains(server.Requests.Where(r => r.Is("claim analyst")).SelectMany(r => r.ToolResults), t => t.Contains("\"scaffold\"", StringComparison.Ordinal));
        Assert.Contains("markush_match", chemist[0].ToolNames);

        // The prose is the model's and travels in every format.
        Assert.Equal(PatentFinderScript.Prose, report.Narrative);
        Assert.Contains(PatentFinderScript.Prose, MarkdownReportRenderer.Render(report));
        Assert.Contains(PatentFinderScript.Prose, HtmlReportRenderer.Render(report));
        Assert.Equal(PatentFinderScript.Prose, JsonReportRenderer.Parse(JsonReportRenderer.Render(report)).Narrative);
        Assert.All(server.Requests, r => Assert.Equal("Bearer test-key", r.Authorization));
    }

    [Fact]
    public async Task A_model_that_never_calls_a_tool_gets_undetermined_after_the_bounded_reasks()
    {
        var script = new PatentFinderScript(Patent, Samples.HeptylAtR2, PatentFinderScript.MadeUp(1, "covered"));
        using var server = new ScriptedChatServer(script.Answer);
        var planner = new ModelDrivenPlanner(Client(server), new ModelPlannerOptions { MaxReasks = 2 }, new FixedClock(Samples.When));

        var report = await Run(server, Samples.HeptylAtR2, planner);

        Assert.Equal(3, server.Requests.Count(r => r.Is("chemist")));
        var claim = Assert.Single(report.Claims, c => c.Claim == 1);
        Assert.Equal(Verdict.Covered, claim.Proposed);
        Assert.Equal(Verdict.Undetermined, claim.Verdict);
        Assert.Contains("no scaffold embedding was offered as evidence", claim.Rejection);
        Assert.Equal(Verdict.Undetermined, report.Verdict);
        Assert.Empty(claim.RGroups);
        Assert.DoesNotContain(planner.ToolCalls, c => c.Name == "markush.match");
    }

    [Fact]
    public async Task Evidence_from_a_match_on_another_molecule_does_not_count()
    {
        // The chemist matches celecoxib (covered) but is asked about the heptyl analogue, and says covered.
        PatentFinderScript? script = null;
        script = new PatentFinderScript(Patent, Samples.HeptylAtR2, r => script!.Match(Samples.Celecoxib)(r));
        using var server = new ScriptedChatServer(r => script.Answer(r));
        var planner = new ModelDrivenPlanner(Client(server), new ModelPlannerOptions { MaxReasks = 0 }, new FixedClock(Samples.When));

        var report = await Run(server, Samples.HeptylAtR2, planner);

        var claim = Assert.Single(report.Claims, c => c.Claim == 1);
        Assert.Equal(Verdict.Covered, claim.Proposed);
        Assert.Equal(Verdict.Undetermined, claim.Verdict);
        Assert.Contains(report.VerifierNotes, n => n.Contains("matched another SMILES", StringComparison.Ordinal));
        Assert.Contains(planner.ToolCalls, c => c.Name == "markush.match" && c.Step == "chemist");
    }

    [Fact]
    public async Task A_refused_tool_call_reaches_the_model_as_a_tool_error_and_counts_as_no_evidence()
    {
        // The chemist asks for a path outside the tool root, then (re-asked) does it right.
        PatentFinderScript? script = null;
        script = new PatentFinderScript(Patent, Samples.Celecoxib,
            _ => ScriptedReply.Call(("markush_match", new { path = "../../etc", smiles = Samples.Celecoxib })),
            r => script!.Match()(r));
        using var server = new ScriptedChatServer(r => r.Is("chemist") && r.Last.Role == "tool" && r.Last.Content.Contains("\"error\"", StringComparison.Ordinal)
            ? PatentFinderScript.Claim("{\"verdicts\": [{\"claim\": 1, \"verdict\": \"covered\"}]}")
            : script.Answer(r));
        var planner = new ModelDrivenPlanner(Client(server), clock: new FixedClock(Samples.When));

        var report = await Run(server, Samples.Celecoxib, planner);

        var refused = Assert.Single(planner.ToolCalls, c => c.Name == "markush.match" && c.Error is not null);
        Assert.Contains("path", refused.Error);
        Assert.Contains(server.Requests.SelectMany(r => r.ToolResults), t => t.Contains("\"parameter\": \"path\"", StringComparison.Ordinal));
        Assert.Contains(server.Requests.Where(r => r.Is("chemist")).SelectMany(r => r.UserMessages), m => m.Contains("claim 1: proposed covered rejected", StringComparison.Ordinal));
        Assert.Equal(Verdict.Covered, report.Claims[0].Verdict);
        Assert.Contains(report.VerifierNotes, n => n.Contains("evidence not counted: call", StringComparison.Ordinal) && n.Contains("returned no match", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_model_that_hedges_where_the_evidence_decides_is_asked_again_and_stays_undetermined_if_it_insists()
    {
        // Every turn the chemist calls the matcher (not covered), then answers "undetermined" all the same.
        PatentFinderScript? script = null;
        script = new PatentFinderScript(Patent, Samples.HeptylAtR2, r => script!.Match()(r));
        using var server = new ScriptedChatServer(r => r.Is("chemist") && r.Last.Role == "tool"
            ? PatentFinderScript.Claim("{\"verdicts\": [{\"claim\": 1, \"verdict\": \"undetermined\"}]}")
            : script.Answer(r));
        var planner = new ModelDrivenPlanner(Client(server), new ModelPlannerOptions { MaxReasks = 1 }, new FixedClock(Samples.When));

        var report = await Run(server, Samples.HeptylAtR2, planner);

        var claim = Assert.Single(report.Claims, c => c.Claim == 1);
        Assert.Equal(Verdict.Undetermined, claim.Verdict);
        Assert.Contains(server.Requests.Where(r => r.Is("chemist")).SelectMany(r => r.UserMessages),
            m => m.Contains("you proposed undetermined, but the match evidence says not covered", StringComparison.Ordinal));
        Assert.Contains(report.VerifierNotes, n => n.Contains("label bias: the model proposed 'undetermined'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_molecule_given_as_a_molfile_is_handed_over_and_drawn_as_canonical_smiles()
    {
        var canonical = Sieve.Chemistry.Canonical.CanonicalSmiles.Of(Sieve.Chemistry.Smiles.SmilesReader.Read(Samples.Celecoxib));
        var file = Path.Combine(Path.GetTempPath(), $"sieve-planner-{Guid.NewGuid():N}.mol");
        File.WriteAllText(file, Sieve.Chemistry.Molfile.MolfileWriter.Write(Sieve.Chemistry.Smiles.SmilesReader.Read(Samples.Celecoxib)));
        try
        {
            PatentFinderScript? script = null;
            script = new PatentFinderScript(Patent, canonical, r => script!.Match()(r));
            using var server = new ScriptedChatServer(r => script.Answer(r));

            var report = await new ModelDrivenPlanner(Client(server), clock: new FixedClock(Samples.When)).RunAsync(Samples.Patent(Patent), MoleculeSource.Read(file));

            Assert.Contains($"Molecule SMILES: {canonical}", server.Requests.First(r => r.Is("chemist")).UserMessages[0]);
            Assert.Equal(Verdict.Covered, report.Claims[0].Verdict);
            Assert.Equal(canonical, report.Molecule.Depiction.Structure);
            Assert.Equal(file, report.Molecule.Input);
            // Highlights land on atoms of the drawn structure: scaffold and molecule elements agree.
            var molecule = Sieve.Chemistry.Smiles.SmilesReader.Read(report.Molecule.Depiction.Structure);
            var scaffold = Sieve.Chemistry.Smiles.SmilesReader.Read(report.Claims[0].Scaffold.Structure);
            Assert.NotEmpty(report.Claims[0].ScaffoldToMolecule);
            foreach (var p in report.Claims[0].ScaffoldToMolecule)
                if (scaffold.Atoms[p.Scaffold].Element != 0)
                    Assert.Equal(scaffold.Atoms[p.Scaffold].Element, molecule.Atoms[p.Molecule].Element);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Every_agent_step_and_every_tool_call_is_a_span()
    {
        using var spans = new SpanCollector();
        PatentFinderScript? script = null;
        script = new PatentFinderScript(Patent, Samples.Celecoxib, r => script!.Match()(r));
        using var server = new ScriptedChatServer(r => script.Answer(r));

        await Run(server, Samples.Celecoxib);

        var mine = spans.Spans;
        var names = mine.Select(s => s.OperationName).ToList();
        foreach (var step in new[] { "agent.claim-analyst", "agent.chemist", "agent.verifier", "agent.writer" })
            Assert.Contains(step, names);
        Assert.Contains("tool.patent.read_patent", names);
        Assert.Contains("tool.markush.parse_claims", names);
        var match = Assert.Single(mine, s => s.OperationName == "tool.markush.match");
        // The tool span sits under the chemist step that made the call.
        var chemist = Assert.Single(mine, s => s.OperationName == "agent.chemist");
        Assert.True(IsUnder(match, chemist), "tool.markush.match is not under agent.chemist");
        Assert.Equal(Samples.Celecoxib, match.GetTagItem("sieve.tool.argument.smiles"));
    }

    [Fact]
    public async Task A_backend_that_refuses_the_connection_fails_with_the_step_and_the_reason()
    {
        var client = ChatBackendFactory.Create(new ChatBackendOptions
        {
            Kind = "openai",
            OpenAI = { Endpoint = $"http://127.0.0.1:{ScriptedChatServer.FreePort()}/v1", Model = "m" },
        })!;
        var e = await Assert.ThrowsAsync<ChatBackendException>(() =>
            new ModelDrivenPlanner(client).RunAsync(Samples.Patent(Patent), MoleculeSource.Read(Samples.Celecoxib)));
        Assert.Contains("claim-analyst", e.Message);
    }

    private static bool IsUnder(Activity a, Activity ancestor)
    {
        for (var p = a.Parent; p is not null; p = p.Parent) if (p.SpanId == ancestor.SpanId) return true;
        return a.ParentSpanId == ancestor.SpanId;
    }
}
