using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Sieve.Agents.Models;
using Sieve.Agents.PatentFinder;
using Sieve.Agents.Planner;
using Sieve.Agents.Reports;
using Sieve.Cli.Io;

namespace Sieve.Cli.Commands;

/// <summary><c>sieve report</c>: the infringement report of one molecule against one patent package, written as
/// report.md / report.html / report.json by the PatentFinder plan: deterministic when no model is configured
/// (appsettings.json Agents:Backend:Kind "none", the default), model-driven otherwise.</summary>
public static class ReportCommand
{
    public static Command Create(Func<Terminal> terminal)
    {
        var patent = new Option<string>("--patent")
        {
            Description = "Patent package folder: claims.txt, formulas/, optional patent.json (see samples/patents/README.md).",
            Required = true,
        };
        var molecule = new Option<string>("--molecule")
        {
            Description = "The molecule: SMILES, or a file with exactly one molecule (molfile, SDF or a SMILES line).",
            Required = true,
        };
        var outDir = new Option<string?>("--out") { Description = "Folder for the report (default ./out/report-<patent>-<short hash of the molecule>)." };
        var format = new Option<string>("--format")
        {
            Description = "Comma-separated report formats: md, html, json.",
            DefaultValueFactory = _ => "md,html,json",
        };
        var command = new Command("report",
            "Write the infringement report of a molecule against a patent: the verdict per independent claim with its " +
            "evidence (R-group by R-group, scaffold and molecule drawn with the matched atoms highlighted), checked by the " +
            "verifier. Prints where the report is. Exit 1 on bad arguments.")
        {
            patent, molecule, outDir, format,
        };
        command.SetAction(parse => CliErrors.Guard(terminal(), t => Run(
            parse.GetRequiredValue(patent), parse.GetRequiredValue(molecule), parse.GetValue(outDir), parse.GetValue(format) ?? "md,html,json", t,
            model: ModelFrom(SieveConfiguration.Load()))));
        return command;
    }

    /// <summary>The chat model the settings configure (null: none, the deterministic plan). A backend that cannot be
    /// built is the user's configuration to fix: the error names the setting.</summary>
    public static IChatClient? ModelFrom(IConfiguration configuration)
    {
        try
        {
            return ChatBackendFactory.Create(configuration);
        }
        catch (ChatBackendException e)
        {
            throw new CliInputException($"model backend: {e.Message}");
        }
    }

    /// <summary>The work behind the command; tests call it with an in-memory terminal and a fixed clock. With a
    /// <paramref name="model"/> the model-driven planner writes the report (verdicts still from verified tool
    /// evidence), otherwise the deterministic pipeline.</summary>
    public static int Run(string patentDir, string molecule, string? outDir, string formats, Terminal terminal, TimeProvider? clock = null, IChatClient? model = null)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        if (!Directory.Exists(patentDir)) throw new CliInputException($"--patent {patentDir}: no such folder");
        if (!File.Exists(Path.Combine(patentDir, "claims.txt"))) throw new CliInputException($"--patent {patentDir}: no claims.txt");
        ReportFormats wanted;
        MoleculeSource source;
        try
        {
            wanted = ReportWriter.ParseFormats(formats);
        }
        catch (ArgumentException e)
        {
            throw new CliInputException($"--format: {e.Message}");
        }
        try
        {
            source = MoleculeSource.Read(molecule);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"--molecule: {e.Message}");
        }
        InfringementReport report;
        try
        {
            report = model is null
                ? new PatentFinderPipeline(clock).Run(patentDir, source)
                : new ModelDrivenPlanner(model, clock: clock).RunAsync(patentDir, source).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliInputException($"--patent {patentDir}: {e.Message}");
        }
        catch (ChatBackendException e)
        {
            throw new CliInputException($"model backend ({ChatBackendOptions.Section}): {e.Message.TrimEnd('.')}. " +
                                        $"Start the model server, or set {ChatBackendOptions.Section}:Kind to none for the deterministic report.");
        }
        var dir = outDir ?? DefaultFolder(report);
        var written = ReportWriter.Write(report, dir, wanted);
        terminal.Out.WriteLine($"{report.Summary}");
        terminal.Out.WriteLine($"report: {Path.GetFullPath(dir)}");
        foreach (var f in written) terminal.Out.WriteLine($"  {Path.GetFileName(f)}");
        return ExitCodes.Ok;
    }

    /// <summary>./out/<see cref="ReportWriter.FolderName"/>: the same molecule (however written) against the same
    /// patent lands in the same folder.</summary>
    private static string DefaultFolder(InfringementReport report) => Path.Combine("out", ReportWriter.FolderName(report));
}
