using Sieve.Agents.Reports;
using Sieve.Agents.Telemetry;

namespace Sieve.Agents.PatentFinder;

/// <summary>The deterministic PatentFinder plan, followed when no model is configured: claims → Markush → match →
/// verify → write, each a named step that returns a typed record, logs one line and is one "agent.&lt;step&gt;" span.</summary>
public sealed class PatentFinderPipeline(TimeProvider? clock = null, Action<StepLog>? log = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public InfringementReport Run(string patentDirectory, MoleculeSource molecule)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patentDirectory);
        ArgumentNullException.ThrowIfNull(molecule);
        var steps = new List<StepLog>();
        void Log(string step, string outcome)
        {
            var entry = new StepLog(step, outcome);
            steps.Add(entry);
            log?.Invoke(entry);
        }
        T Step<T>(string step, Func<T> run)
        {
            using var span = AgentTelemetry.StartStep(step, "deterministic");
            return run();
        }

        var claims = Step("claims", () => PatentFinderSteps.ReadClaims(patentDirectory));
        Log("claims", $"{claims.Independent.Count} independent and {claims.Dependent.Count} dependent compound claim(s), " +
                      $"{claims.SpeciesClaims.Count} species claim(s) not checked");

        var markush = Step("markush", () => PatentFinderSteps.ReadMarkush(claims));
        Log("markush", $"{markush.Structures.Count} Markush structure(s) read" +
                       (markush.WithoutStructure.Count > 0 ? $"; no structure for claim(s) {string.Join(", ", markush.WithoutStructure)}" : ""));

        var matched = Step("match", () => PatentFinderSteps.Match(markush, molecule.Molecule));
        Log("match", string.Join("; ", matched.Patent.Claims.Select(c => $"claim {c.Claim} {Sieve.Markush.Matching.VerdictText.ToText(c.Verdict)}")) is { Length: > 0 } m
            ? m : "no independent claim to match");

        var verified = Step("verify", () => PatentFinderSteps.Verify(matched));
        var rejected = verified.Claims.Count(c => !c.Check.Accepted) + verified.Claims.Sum(c => c.Dependents.Count(d => !d.Accepted));
        Log("verify", $"overall {Sieve.Markush.Matching.VerdictText.ToText(verified.Overall)}; {rejected} verdict(s) rejected for lack of evidence");

        Log("write", "report assembled");
        return Step("write", () => ReportBuilder.Build(verified, molecule, steps, _clock));
    }
}
