using System.CommandLine;
using Sieve.Agents.Batch;
using Sieve.Chemistry.Canonical;
using Sieve.Cli.Io;

namespace Sieve.Cli.Commands;

/// <summary><c>sieve batch</c>: every molecule of a file against every patent package of a folder, resumable, with
/// matrix.csv, verdicts.jsonl and a report per covered pair (logic in Sieve.Agents.Batch).</summary>
public static class BatchCommand
{
    /// <summary>Exit code when Ctrl+C stopped the batch (the conventional 128 + SIGINT).</summary>
    public const int Cancelled = 130;

    public static Command Create(Func<Terminal> terminal)
    {
        var patents = new Option<string>("--patents") { Description = "Folder whose subfolders with claims.txt are patent packages.", Required = true };
        var molecules = new Option<string>("--molecules") { Description = "Molecules: SMILES lines (optionally a name after whitespace) or SDF.", Required = true };
        var outDir = new Option<string>("--out") { Description = "Output folder (job table batch.db, matrix.csv, verdicts.jsonl, reports/).", DefaultValueFactory = _ => Path.Combine("out", "batch") };
        var parallel = new Option<int>("--parallel") { Description = "Pairs matched at once.", DefaultValueFactory = _ => 1 };
        var command = new Command("batch",
            "Match every molecule against every patent package: matrix.csv (covered / not covered / undetermined / error), " +
            "verdicts.jsonl (one line per pair) and reports/<molecule>-<patent>/ for each covered pair. Resumable: run " +
            "again with the same arguments after an interruption and finished pairs are kept.")
        {
            patents, molecules, outDir, parallel,
        };
        command.SetAction((parse, cancel) => Task.FromResult(CliErrors.Guard(terminal(), t => Run(
            parse.GetRequiredValue(patents), parse.GetRequiredValue(molecules), parse.GetValue(outDir) ?? Path.Combine("out", "batch"),
            parse.GetValue(parallel), t, cancel))));
        return command;
    }

    public static int Run(string patentsDir, string moleculesPath, string outDir, int parallel, Terminal terminal, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        if (parallel < 1) throw new CliInputException($"--parallel {parallel}: must be at least 1");
        if (!Directory.Exists(patentsDir)) throw new CliInputException($"--patents {patentsDir}: no such folder");
        var packages = BatchRunner.FindPatents(patentsDir);
        if (packages.Count == 0) throw new CliInputException($"--patents {patentsDir}: no subfolder with claims.txt");
        var molecules = ReadMolecules(moleculesPath, terminal);
        if (molecules.Count == 0) throw new CliInputException($"--molecules {moleculesPath}: no molecule");

        var total = (long)molecules.Count * packages.Count;
        BatchResult result;
        try
        {
            result = LineProgress.Run(terminal, "batch", total, report =>
            {
                var gate = new Lock();
                return new BatchRunner().Run(patentsDir, molecules, outDir, parallel, (done, _) =>
                {
                    lock (gate) report(done);
                }, cancel);
            });
        }
        catch (BatchMismatchException e)
        {
            throw new CliInputException($"--out: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            terminal.Error.WriteLine("cancelled: finished pairs are kept; run again with the same arguments to resume");
            return Cancelled;
        }
        terminal.Out.WriteLine($"{result.Pairs} pair(s): {result.Ran} run, {result.Skipped} already done; " +
                               $"{result.Covered} covered, {result.Errors} error(s)");
        terminal.Out.WriteLine($"matrix: {Path.GetFullPath(result.MatrixPath)}");
        terminal.Out.WriteLine($"verdicts: {Path.GetFullPath(result.VerdictsPath)}");
        return ExitCodes.Ok;
    }

    /// <summary>Reads the whole file first: the batch's identity is its molecules in order. A record with no SMILES
    /// (SDF) is named by its canonical SMILES.</summary>
    private static List<BatchMolecule> ReadMolecules(string path, Terminal terminal)
    {
        if (path == "-") throw new CliInputException("--molecules: a file is needed (a batch must be re-readable to resume)");
        var (reader, _) = InputSource.Open(path, terminal);
        using (reader)
        {
            var list = new List<BatchMolecule>();
            foreach (var r in MoleculeRecords.Read(reader, "auto"))
            {
                var smiles = r.Smiles ?? (r.Molecule is { } m ? CanonicalSmiles.Of(m) : "");
                list.Add(new BatchMolecule(r.Number, smiles, r.Molecule, r.Error));
            }
            return list;
        }
    }
}
