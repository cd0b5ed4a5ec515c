using System.Text.Json;
using Sieve.Chemistry;
using Sieve.Markush.Matching;
using Sieve.Markush.Model;
using Sieve.KernelFunctions.Patents;
using Sieve.Markush.Package;
using Sieve.Cli.Io;

namespace Sieve.Cli.Commands;

/// <summary>The work behind <c>sieve markush</c>; separate from argument parsing so tests drive it directly.</summary>
public static class MarkushJobs
{
    public static int Parse(string patentDir, bool json, Terminal terminal)
    {
        var package = Load(patentDir);
        if (json)
        {
            terminal.Out.WriteLine(JsonSerializer.Serialize(
                new { patent = package.Info, claims = package.Claims.Claims, drawings = package.Drawings, problems = package.Problems }, MarkushJson.Options));
            return ExitCodes.Ok;
        }
        var o = terminal.Out;
        o.WriteLine($"patent: {Describe(package.Info)}");
        foreach (var claim in package.Claims.Claims)
        {
            var dependency = claim.IsIndependent ? "independent" : $"depends on {string.Join(", ", claim.DependsOn)}";
            o.WriteLine($"claim {claim.Number}: {claim.Kind.ToString().ToLowerInvariant()}, {dependency}" +
                        (claim.FormulaName is null ? "" : $", formula {claim.FormulaName}"));
            if (claim.Structure is { } s) WriteStructure(o, s);
        }
        foreach (var d in package.Drawings.Where(d => d.Smiles is not null))
            o.WriteLine($"drawn: formula {d.Name} read from {d.File}, confidence {d.Confidence.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}");
        foreach (var problem in package.Problems) o.WriteLine($"problem: {problem}");
        return ExitCodes.Ok;
    }

    public static int MatchOne(string patentDir, string smiles, int? claim, bool json, Terminal terminal)
    {
        var package = Load(patentDir);
        CheckClaim(package, claim);
        if (!MoleculeInput.TryRead(smiles, out var molecule, out var reason))
            throw new CliInputException($"--molecule: {reason}");
        var verdict = PatentEvaluator.Evaluate(package, molecule, claim);
        if (json)
            terminal.Out.WriteLine(JsonSerializer.Serialize(MarkushJson.From(verdict, smiles, line: null), MarkushJson.Options));
        else
            WriteVerdict(terminal.Out, verdict, smiles);
        return ExitCodes.Ok;
    }

    public static int MatchMany(string patentDir, string moleculesPath, int? claim, Terminal terminal)
    {
        var package = Load(patentDir);
        CheckClaim(package, claim);
        var (reader, length) = InputSource.Open(moleculesPath, terminal);
        using var _ = reader == terminal.In ? null : reader;
        var failed = 0;
        LineProgress.Run(terminal, "matching", length, advance =>
        {
            foreach (var record in MoleculeRecords.Read(reader, "auto"))
            {
                MarkushJson.MatchOutput output;
                if (record.Molecule is { } molecule)
                {
                    var text = record.Smiles ?? Sieve.Chemistry.Canonical.CanonicalSmiles.Of(molecule);
                    output = MarkushJson.From(PatentEvaluator.Evaluate(package, molecule, claim), text, record.Number);
                }
                else
                {
                    output = MarkushJson.Failed(record.Smiles ?? "", record.Number, record.Error ?? "unreadable");
                    terminal.Error.WriteLine($"record {record.Number}: {record.Error}");
                    failed++;
                }
                terminal.Out.WriteLine(JsonSerializer.Serialize(output, MarkushJson.Lines));
                advance(record.BytesSoFar);
            }
            return 0;
        });
        terminal.Out.Flush();
        return failed == 0 ? ExitCodes.Ok : ExitCodes.SomeInputsFailed;
    }

    private static PatentPackage Load(string dir)
    {
        if (!Directory.Exists(dir))
            throw new CliInputException($"--patent {dir}: no such folder");
        try
        {
            return PatentPackages.Load(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliInputException($"--patent {dir}: {e.Message}");
        }
    }

    private static void CheckClaim(PatentPackage package, int? claim)
    {
        if (claim is not { } n) return;
        var compound = package.Claims.Claims.Where(c => c.Kind == ClaimKind.Compound && c.Structure is not null).Select(c => c.Number).ToList();
        if (!compound.Contains(n))
            throw new CliInputException($"--claim {n}: the patent has no compound claim {n} (compound claims: {string.Join(", ", compound)})");
    }

    private static string Describe(PatentInfo info) =>
        string.Join(" — ", new[] { info.Number, info.Title, info.Assignee }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private static void WriteStructure(TextWriter o, MarkushStructure s)
    {
        o.WriteLine($"  scaffold: {s.ScaffoldSmiles}");
        foreach (var (label, definition) in s.Definitions)
            o.WriteLine($"  {label}: {string.Join("; ", definition.Alternatives.Select(a => a is UnparsedGroup ? $"UNPARSED '{a.Text}'" : a.Text))}");
        foreach (var ring in s.JointRings) o.WriteLine($"  {string.Join(" + ", ring.Labels)} together: {ring.SourceText}");
        foreach (var (name, count) in s.Counts) o.WriteLine($"  {name}: {count.Describe("..")}");
        foreach (var proviso in s.Provisos) o.WriteLine($"  proviso: {proviso.SourceText}");
        foreach (var text in s.UnparsedProvisos) o.WriteLine($"  UNPARSED proviso: {text}");
        foreach (var text in s.Unparsed) o.WriteLine($"  UNPARSED: {text}");
        var extends = new[] { (s.IncludesSalts, "salts"), (s.IncludesSolvates, "solvates"), (s.IncludesStereoisomers, "stereoisomers") }
            .Where(x => x.Item1).Select(x => x.Item2).ToList();
        if (extends.Count > 0) o.WriteLine($"  also covers: {string.Join(", ", extends)}");
    }

    private static void WriteVerdict(TextWriter o, PatentVerdict verdict, string smiles)
    {
        o.WriteLine($"{smiles}: {verdict.Verdict.ToText()}{(verdict.Patent is null ? "" : $" ({verdict.Patent})")}");
        foreach (var claim in verdict.Claims)
        {
            o.WriteLine($"claim {claim.Claim}: {claim.Verdict.ToText()} — {claim.Result.Summary}");
            if (claim.NarrowestCoveringClaim is { } narrow) o.WriteLine($"  narrowest covering claim: {narrow}");
            // The in-scaffold choices that decided (X = N, n = 2 copies of a bracketed unit).
            if (claim.Result.Evidence is { Choices.Count: > 0 } chosen) o.WriteLine($"  choices: {string.Join(", ", chosen.Choices)}");
            foreach (var site in claim.Result.Evidence?.Sites ?? [])
            {
                var fit = site.Status switch { Fit.Yes => "inside", Fit.No => "outside", _ => "unknown" };
                var why = site.Status == Fit.Yes ? site.Definition : site.Reason ?? site.Definition;
                o.WriteLine($"  {site.Label} = {site.Substituent}: {fit}{(why is null ? "" : $" ({why})")}");
            }
            foreach (var problem in claim.Result.Evidence?.Problems ?? []) o.WriteLine($"  problem: {problem}");
            foreach (var stripped in claim.Result.Stripped) o.WriteLine($"  stripped: {stripped}");
            foreach (var note in claim.Result.Notes) o.WriteLine($"  note: {note}");
            foreach (var dependent in claim.Dependents) o.WriteLine($"  claim {dependent.Claim}: {dependent.Verdict.ToText()}");
        }
        if (verdict.SpeciesClaimsNotChecked.Count > 0)
            o.WriteLine($"species claims not checked (named compounds): {string.Join(", ", verdict.SpeciesClaimsNotChecked)}");
        foreach (var problem in verdict.Problems) o.WriteLine($"problem: {problem}");
    }
}
