using System.Text.Json;
using Sieve.Agents.Batch;
using Sieve.Agents.PatentFinder;
using Sieve.Agents.Reports;
using Sieve.Chemistry.Smiles;
using Sieve.Markush.Matching;

namespace Sieve.Agents.Tests.Batch;

public sealed class BatchRunnerTests : IDisposable
{
    private static readonly string[] Patents = ["coxib-diarylpyrazole", "sartan-imidazole"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sieve-batch-" + Guid.NewGuid().ToString("N"));
    private readonly string _patents;

    public BatchRunnerTests()
    {
        // Only the two packages under test, so the batch sees exactly them.
        _patents = Path.Combine(_root, "patents");
        foreach (var p in Patents) Samples.Copy(Samples.Patent(p), Path.Combine(_patents, p));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    /// <summary>The first few molecules of each package's labelled list, plus one that cannot be read.</summary>
    private static List<BatchMolecule> Molecules()
    {
        var list = new List<BatchMolecule>();
        foreach (var p in Patents)
            foreach (var line in File.ReadLines(Path.Combine(Samples.Patent(p), "molecules.tsv")).Skip(1).Take(3))
            {
                var smiles = line.Split('\t')[1];
                list.Add(new BatchMolecule(list.Count + 1, smiles, SmilesReader.Read(smiles), null));
            }
        list.Add(new BatchMolecule(list.Count + 1, "C1CC", null, "unclosed ring"));
        return list;
    }

    private static InfringementReport Pipeline(string dir, MoleculeSource m) =>
        new PatentFinderPipeline(new FixedClock(Samples.When)).Run(dir, m);

    [Fact]
    public void Matrix_and_verdicts_match_the_pipeline_pair_by_pair()
    {
        var molecules = Molecules();
        var outDir = Path.Combine(_root, "out");
        var result = new BatchRunner(Pipeline).Run(_patents, molecules, outDir, parallel: 2);

        Assert.Equal(molecules.Count * 2, result.Pairs);
        var rows = File.ReadAllLines(result.MatrixPath);
        Assert.Equal("molecule,smiles,coxib-diarylpyrazole,sartan-imidazole", rows[0]);
        var lines = File.ReadAllLines(result.VerdictsPath);
        Assert.Equal(molecules.Count * 2, lines.Length);
        var covered = 0;
        for (var i = 0; i < molecules.Count; i++)
        {
            var cells = rows[i + 1].Split(',');
            Assert.Equal((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), cells[0]);
            for (var p = 0; p < 2; p++)
            {
                using var json = JsonDocument.Parse(lines[i * 2 + p]);
                var line = json.RootElement;
                Assert.Equal(i + 1, line.GetProperty("molecule").GetInt32());
                Assert.Equal(molecules[i].Smiles, line.GetProperty("smiles").GetString());
                Assert.Equal(Patents[p], line.GetProperty("patent").GetString());
                var reportDir = Path.Combine(outDir, BatchRunner.ReportFolder(i + 1, Patents[p]));
                if (molecules[i].Molecule is null)
                {
                    Assert.Equal("error", cells[p + 2]);
                    Assert.Equal("unclosed ring", line.GetProperty("error").GetString());
                    continue;
                }
                var expected = Samples.Report(Patents[p], molecules[i].Smiles);
                Assert.Equal(expected.Verdict.ToText(), cells[p + 2]);
                Assert.Equal(expected.Verdict.ToText(), line.GetProperty("verdict").GetString());
                Assert.Equal(expected.Summary, line.GetProperty("summary").GetString());
                Assert.Equal(expected.Claims.Select(c => (c.Claim, c.Verdict.ToText())),
                    line.GetProperty("claims").EnumerateArray().Select(c => (c.GetProperty("claim").GetInt32(), c.GetProperty("verdict").GetString()!)));
                // A report exactly for the covered pairs, whole (no temporary folder left).
                Assert.Equal(expected.Verdict == Verdict.Covered, Directory.Exists(reportDir));
                if (expected.Verdict == Verdict.Covered)
                {
                    covered++;
                    Assert.Equal(["report.html", "report.json", "report.md"],
                        Directory.GetFiles(reportDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
                }
            }
        }
        Assert.True(covered >= 6, $"the three labelled molecules of each package are covered by it; got {covered}");
        Assert.Equal(covered, result.Covered);
        Assert.Empty(Directory.GetDirectories(Path.Combine(outDir, "reports"), "*.tmp-*"));
    }

    [Fact]
    public void An_interrupted_batch_resumes_without_repeating_a_pair()
    {
        var molecules = Molecules();
        var reference = new BatchRunner(Pipeline).Run(_patents, molecules, Path.Combine(_root, "whole"), parallel: 1);

        var outDir = Path.Combine(_root, "resumed");
        using var cancel = new CancellationTokenSource();
        var calls = 0;
        var stopping = new BatchRunner((dir, m) =>
        {
            if (++calls == 5) cancel.Cancel();
            return Pipeline(dir, m);
        });
        Assert.ThrowsAny<OperationCanceledException>(() => stopping.Run(_patents, molecules, outDir, parallel: 1, cancel: cancel.Token));
        var committed = CountRows(outDir);
        Assert.Equal(4, committed);

        var second = 0;
        var resumed = new BatchRunner((dir, m) => { second++; return Pipeline(dir, m); })
            .Run(_patents, molecules, outDir, parallel: 2);
        // The unreadable molecule's two pairs never reach the pipeline.
        Assert.Equal(reference.Pairs - 2 - committed, second);
        Assert.Equal(committed, resumed.Skipped);
        Assert.Equal(File.ReadAllBytes(reference.MatrixPath), File.ReadAllBytes(resumed.MatrixPath));
        Assert.Equal(File.ReadAllBytes(reference.VerdictsPath), File.ReadAllBytes(resumed.VerdictsPath));

        var third = 0;
        var again = new BatchRunner((dir, m) => { third++; return Pipeline(dir, m); }).Run(_patents, molecules, outDir, parallel: 2);
        Assert.Equal(0, third);
        Assert.Equal(reference.Pairs, again.Skipped);
    }

    [Fact]
    public void An_out_folder_of_another_batch_is_refused()
    {
        var molecules = Molecules();
        var outDir = Path.Combine(_root, "out");
        new BatchRunner(Pipeline).Run(_patents, molecules[..2], outDir, parallel: 1);
        var e = Assert.Throws<BatchMismatchException>(() => new BatchRunner(Pipeline).Run(_patents, molecules[..3], outDir, parallel: 1));
        Assert.Contains("holds another batch", e.Message, StringComparison.Ordinal);
        Assert.Contains("2 molecule(s)", e.Message, StringComparison.Ordinal);
        // A changed formula file makes it another batch too.
        var formula = Directory.GetFiles(Path.Combine(_patents, Patents[1], "formulas"))[0];
        File.AppendAllText(formula, "\n");
        Assert.Throws<BatchMismatchException>(() => new BatchRunner(Pipeline).Run(_patents, molecules[..2], outDir, parallel: 1));
        // The refused runs changed nothing.
        Assert.Equal(3, File.ReadAllLines(Path.Combine(outDir, "matrix.csv")).Length);
    }

    private static int CountRows(string outDir)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(outDir, BatchStore.FileName)};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM jobs";
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

}
