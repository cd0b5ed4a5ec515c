using Microsoft.Extensions.Configuration;
using Sieve.Agents.Models;
using Sieve.Cli.Commands;
using Sieve.Cli.Io;

namespace Sieve.Agents.Tests.Planner;

/// <summary><c>sieve report</c> with a model configured: the model-driven plan writes the report; a backend that is
/// down or misconfigured is one clear error line and exit 1.</summary>
public sealed class ReportCommandModelTests : CommandScratch
{
    private const string Patent = "coxib-diarylpyrazole";

    private static IConfiguration Openai(string endpoint, string? keyVariable = null) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Agents:Backend:Kind"] = "openai",
        ["Agents:Backend:OpenAI:Endpoint"] = endpoint,
        ["Agents:Backend:OpenAI:Model"] = "scripted",
        ["Agents:Backend:OpenAI:ApiKeyEnvironmentVariable"] = keyVariable,
    }).Build();

    [Fact]
    public void With_a_model_configured_the_report_carries_its_prose_and_the_tools_verdict()
    {
        PatentFinderScript? script = null;
        script = new PatentFinderScript(Patent, Samples.Celecoxib, r => script!.Match()(r));
        using var server = new ScriptedChatServer(r => script.Answer(r));
        var outDir = Path.Combine(Dir, "r");

        var rc = CliErrors.Guard(Terminal(), t => ReportCommand.Run(Samples.Patent(Patent), Samples.Celecoxib, outDir, "md,json", t,
            new FixedClock(Samples.When), ReportCommand.ModelFrom(Openai(server.Endpoint))));

        Assert.True(rc == ExitCodes.Ok, Err.ToString());
        Assert.StartsWith("Covered: claim 1 covers the molecule", Out.ToString(), StringComparison.Ordinal);
        var md = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.Contains(PatentFinderScript.Prose, md);
        Assert.Contains("| chemist | round 0: 1 tool call(s): markush.match;", md);
    }

    [Fact]
    public void A_backend_that_is_down_is_one_error_line_naming_the_setting_and_the_way_out()
    {
        var endpoint = $"http://127.0.0.1:{ScriptedChatServer.FreePort()}/v1";
        var rc = CliErrors.Guard(Terminal(), t => ReportCommand.Run(Samples.Patent(Patent), Samples.Celecoxib, Path.Combine(Dir, "r"), "md", t,
            model: ReportCommand.ModelFrom(Openai(endpoint))));

        Assert.Equal(ExitCodes.BadArguments, rc);
        var err = Err.ToString();
        Assert.StartsWith("error: model backend (Agents:Backend): the chat model failed during the claim-analyst step", err, StringComparison.Ordinal);
        Assert.Contains("Connection refused", err);
        Assert.Contains("Agents:Backend:Kind to none", err);
        Assert.False(Directory.Exists(Path.Combine(Dir, "r")));
    }

    [Fact]
    public void A_missing_key_variable_is_a_bad_argument_naming_it()
    {
        var e = Assert.Throws<CliInputException>(() => ReportCommand.ModelFrom(Openai("http://127.0.0.1:1/v1", "SIEVE_TEST_KEY_THAT_IS_NOT_SET_7C1")));
        Assert.Contains("SIEVE_TEST_KEY_THAT_IS_NOT_SET_7C1", e.Message);
    }

    [Fact]
    public void The_deterministic_plan_is_a_span_per_step_too()
    {
        using var spans = new SpanCollector();

        Samples.Report(Patent, Samples.Celecoxib);

        Assert.Equal(["agent.claims", "agent.markush", "agent.match", "agent.verify", "agent.write"], spans.Spans.Select(s => s.OperationName));
    }
}
