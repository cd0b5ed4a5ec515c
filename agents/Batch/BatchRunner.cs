using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sieve.Agents.PatentFinder;
using Sieve.Agents.Reports;
using Sieve.Chemistry;
using Sieve.Markush.Matching;

namespace Sieve.Agents.Batch;

/// <summary>One input molecule: its 1-based record number, the SMILES it came as (or a SMILES written for it) and
/// the molecule, or why it could not be read.</summary>
public sealed record BatchMolecule(int Index, string Smiles, Molecule? Molecule, string? Error);

/// <summary>What a batch did: pairs in all, pairs run now, pairs found done in the table, and the outputs.</summary>
public sealed record BatchResult(int Pairs, int Ran, int Skipped, int Covered, int Errors, string MatrixPath, string VerdictsPath);

/// <summary>Runs every molecule against every patent package (each subfolder with claims.txt), resumably: each
/// finished pair is committed to the <see cref="BatchStore"/> after its report files are in place, and
/// matrix.csv / verdicts.jsonl are regenerated from the table in input order at the end.</summary>
public sealed class BatchRunner(Func<string, MoleculeSource, InfringementReport>? pipeline = null, TimeProvider? clock = null)
{
    private readonly Func<string, MoleculeSource, InfringementReport> _pipeline =
        pipeline ?? ((dir, m) => new PatentFinderPipeline(clock).Run(dir, m));

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The patent packages under <paramref name="patentsDir"/>, in ordinal order of their folder names.</summary>
    public static IReadOnlyList<string> FindPatents(string patentsDir) =>
        Directory.EnumerateDirectories(patentsDir)
            .Where(d => File.Exists(Path.Combine(d, "claims.txt")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <param name="progress">Called with (pairs finished, pairs in all) as pairs finish, skipped ones included.</param>
    public BatchResult Run(string patentsDir, IReadOnlyList<BatchMolecule> molecules, string outDir, int parallel,
        Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(molecules);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        var patents = FindPatents(patentsDir);
        if (patents.Count == 0) throw new ArgumentException($"{patentsDir}: no patent package (a subfolder with claims.txt)");
        var (identity, description) = Identity(patentsDir, patents, molecules);
        using var store = BatchStore.Open(outDir, identity, description);
        var done = store.DoneKeys();
        RemoveUnfinishedReports(outDir);

        var total = molecules.Count * patents.Count;
        var todo = new List<(BatchMolecule Molecule, string Hash, string Patent)>();
        foreach (var m in molecules)
        {
            var hash = Hash(m.Smiles);
            foreach (var p in patents)
                if (!done.Contains((m.Index, hash, p))) todo.Add((m, hash, p));
        }
        var finished = total - todo.Count;
        progress?.Invoke(finished, total);

        // A bounded pool: at most `parallel` pairs in flight; cancellation stops handing out new pairs and the
        // pairs in flight are abandoned before they are committed, so they run again on resume.
        Parallel.ForEach(todo, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancel }, job =>
        {
            var result = RunPair(patentsDir, outDir, job.Molecule, job.Patent);
            cancel.ThrowIfCancellationRequested();
            store.Complete(new BatchJob(job.Molecule.Index, job.Hash, job.Patent, result.Status, result.Json));
            progress?.Invoke(Interlocked.Increment(ref finished), total);
        });

        return WriteOutputs(store, molecules, patents, outDir, total, todo.Count);
    }

    private (string Status, string Json) RunPair(string patentsDir, string outDir, BatchMolecule molecule, string patent)
    {
        if (molecule.Molecule is null)
            return ("error", Line(molecule, patent, null, molecule.Error ?? "unreadable molecule"));
        InfringementReport report;
        try
        {
            report = _pipeline(Path.Combine(patentsDir, patent), new MoleculeSource(molecule.Smiles, molecule.Molecule, molecule.Smiles));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException
                                      or InvalidOperationException or FormatException)
        {
            return ("error", Line(molecule, patent, null, e.Message));
        }
        if (report.Verdict == Verdict.Covered) WriteReport(report, outDir, ReportFolder(molecule.Index, patent));
        return ("done", Line(molecule, patent, report, null));
    }

    /// <summary>reports/&lt;molecule index&gt;-&lt;patent folder&gt;; relative to the out folder.</summary>
    public static string ReportFolder(int moleculeIndex, string patent) =>
        Path.Combine("reports", $"{moleculeIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{patent}");

    /// <summary>Writes into a temporary folder and renames it into place, so a report folder is whole or absent;
    /// one left by a run killed after the rename but before the commit is replaced.</summary>
    private static void WriteReport(InfringementReport report, string outDir, string relative)
    {
        var final = Path.Combine(outDir, relative);
        var temp = final + ".tmp-" + Guid.NewGuid().ToString("N");
        ReportWriter.Write(report, temp, ReportFormats.All);
        if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
        Directory.Move(temp, final);
    }

    /// <summary>Temporary report folders left by a killed run belong to pairs not committed; they run again.</summary>
    private static void RemoveUnfinishedReports(string outDir)
    {
        var reports = Path.Combine(outDir, "reports");
        if (!Directory.Exists(reports)) return;
        foreach (var d in Directory.GetDirectories(reports, "*.tmp-*")) Directory.Delete(d, recursive: true);
    }

    private static string Line(BatchMolecule molecule, string patent, InfringementReport? report, string? error)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("molecule", molecule.Index);
            w.WriteString("smiles", molecule.Smiles);
            w.WriteString("patent", patent);
            if (report is null)
            {
                w.WriteString("verdict", "error");
                w.WriteString("error", error);
            }
            else
            {
                w.WriteString("verdict", report.Verdict.ToText());
                w.WriteStartArray("claims");
                foreach (var c in report.Claims)
                {
                    w.WriteStartObject();
                    w.WriteNumber("claim", c.Claim);
                    w.WriteString("verdict", c.Verdict.ToText());
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                var narrowest = report.Claims.Select(c => c.NarrowestCoveringClaim).FirstOrDefault(n => n is not null);
                if (narrowest is { } n) w.WriteNumber("narrowestClaim", n);
                else w.WriteNull("narrowestClaim");
                w.WriteString("summary", report.Summary);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static BatchResult WriteOutputs(BatchStore store, IReadOnlyList<BatchMolecule> molecules, IReadOnlyList<string> patents,
        string outDir, int total, int ran)
    {
        var byKey = new Dictionary<(int, string, string), BatchJob>();
        foreach (var j in store.All()) byKey[(j.MoleculeIndex, j.SmilesHash, j.Patent)] = j;
        var csv = new StringBuilder();
        csv.Append("molecule,smiles");
        foreach (var p in patents) csv.Append(',').Append(Csv(p));
        csv.Append('\n');
        var jsonl = new StringBuilder();
        int covered = 0, errors = 0;
        foreach (var m in molecules)
        {
            var hash = Hash(m.Smiles);
            csv.Append(m.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',').Append(Csv(m.Smiles));
            foreach (var p in patents)
            {
                var job = byKey[(m.Index, hash, p)];
                jsonl.Append(job.ResultJson).Append('\n');
                var verdict = JsonDocument.Parse(job.ResultJson).RootElement.GetProperty("verdict").GetString() ?? "error";
                if (verdict == "covered") covered++;
                if (verdict == "error") errors++;
                csv.Append(',').Append(verdict);
            }
            csv.Append('\n');
        }
        var matrix = Path.Combine(outDir, "matrix.csv");
        var verdicts = Path.Combine(outDir, "verdicts.jsonl");
        WriteAtomically(matrix, csv.ToString());
        WriteAtomically(verdicts, jsonl.ToString());
        return new BatchResult(total, ran, total - ran, covered, errors, matrix, verdicts);
    }

    private static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>What makes two batches the same: the patent folders (names and the contents of their files) and the molecules
    /// in order. The description is for the refusal message.</summary>
    private static (string Identity, string Description) Identity(string patentsDir, IReadOnlyList<string> patents, IReadOnlyList<BatchMolecule> molecules)
    {
        var text = new StringBuilder();
        foreach (var p in patents)
        {
            // Every file of the package (claims, formulas, metadata): a changed formula is another batch.
            var package = Path.Combine(patentsDir, p);
            foreach (var f in Directory.GetFiles(package, "*", SearchOption.AllDirectories)
                         .Select(f => Path.GetRelativePath(package, f).Replace('\\', '/')).Order(StringComparer.Ordinal))
                text.Append("patent\t").Append(p).Append('\t').Append(f).Append('\t')
                    .Append(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(package, f))))).Append('\n');
        }
        foreach (var m in molecules)
            text.Append("molecule\t").Append(m.Index).Append('\t').Append(m.Smiles).Append('\n');
        var id = Hash(text.ToString());
        return (id, $"{molecules.Count} molecule(s) x {patents.Count} patent(s) [{string.Join(", ", patents)}], inputs {id[..12]}");
    }
}
