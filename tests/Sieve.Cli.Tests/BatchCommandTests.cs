using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Sieve.Cli.Tests;

/// <summary><c>sieve batch</c> end to end, including a real process killed mid-run and started again.</summary>
public sealed class BatchCommandTests : IDisposable
{
    private static readonly string[] Patents = ["coxib-diarylpyrazole", "sartan-imidazole"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sieve-batchcli-" + Guid.NewGuid().ToString("N"));
    private readonly string _patents;

    public BatchCommandTests()
    {
        _patents = Path.Combine(_root, "patents");
        foreach (var p in Patents) Copy(Path.Combine(Repository.Root, "samples", "patents", p), Path.Combine(_patents, p));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    /// <summary>Every labelled molecule of both packages, <paramref name="copies"/> times, as "SMILES name" lines.</summary>
    private string MoleculeFile(int copies)
    {
        var lines = new List<string>();
        for (var c = 0; c < copies; c++)
            foreach (var p in Patents)
                foreach (var line in File.ReadLines(Path.Combine(_patents, p, "molecules.tsv")).Skip(1))
                {
                    var f = line.Split('\t');
                    lines.Add($"{f[1]}\t{f[0]}");
                }
        lines.Add("C1CC\tunclosed");
        var path = Path.Combine(_root, $"molecules-{copies}.smi");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void A_batch_killed_mid_run_and_started_again_equals_an_uninterrupted_one()
    {
        var molecules = MoleculeFile(copies: 6);
        var whole = Path.Combine(_root, "whole");
        var killed = Path.Combine(_root, "killed");
        Assert.Equal(0, Sieve(molecules, whole).WaitForExitOrKill());
        var total = Rows(whole);

        using (var first = Sieve(molecules, killed))
        {
            var seen = 0;
            var clock = Stopwatch.StartNew();
            while (!first.HasExited && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                seen = Rows(killed);
                if (seen >= 10) break;
                Thread.Sleep(10);
            }
            first.Kill(entireProcessTree: true);
            first.WaitForExit();
            Assert.InRange(Rows(killed), 10, total - 1);
        }
        Assert.False(File.Exists(Path.Combine(killed, "matrix.csv")));

        Assert.Equal(0, Sieve(molecules, killed).WaitForExitOrKill());
        Assert.Equal(total, Rows(killed));
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "matrix.csv")), File.ReadAllBytes(Path.Combine(killed, "matrix.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "verdicts.jsonl")), File.ReadAllBytes(Path.Combine(killed, "verdicts.jsonl")));
        Assert.Equal(Directory.GetDirectories(Path.Combine(whole, "reports")).Select(Path.GetFileName).Order(),
            Directory.GetDirectories(Path.Combine(killed, "reports")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Batch_writes_the_matrix_and_refuses_an_out_folder_of_other_inputs()
    {
        var outDir = Path.Combine(_root, "out");
        var run = CliRunner.Run("", "batch", "--patents", _patents, "--molecules", MoleculeFile(1), "--out", outDir, "--parallel", "2");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("58 pair(s): 58 run, 0 already done;", run.OutLines[0], StringComparison.Ordinal);
        var matrix = File.ReadAllLines(Path.Combine(outDir, "matrix.csv"));
        Assert.Equal("molecule,smiles,coxib-diarylpyrazole,sartan-imidazole", matrix[0]);
        Assert.StartsWith("1,Cc1ccc(-c2cc(C(F)(F)F)nn2-c2ccc(S(N)(=O)=O)cc2)cc1,covered,not covered", matrix[1], StringComparison.Ordinal);
        Assert.EndsWith(",C1CC,error,error", matrix[^1], StringComparison.Ordinal);

        var again = CliRunner.Run("", "batch", "--patents", _patents, "--molecules", MoleculeFile(1), "--out", outDir);
        Assert.StartsWith("58 pair(s): 0 run, 58 already done;", again.OutLines[0], StringComparison.Ordinal);

        var other = CliRunner.Run("", "batch", "--patents", _patents, "--molecules", MoleculeFile(2), "--out", outDir);
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("holds another batch", other.Error, StringComparison.Ordinal);
    }

    private static int Rows(string outDir)
    {
        var db = Path.Combine(outDir, "batch.db");
        if (!File.Exists(db)) return 0;
        try
        {
            using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM jobs";
            return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0; // the table is not created yet
        }
    }

    private Process Sieve(string molecules, string outDir)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Repository.SieveDll, "batch", "--patents", _patents, "--molecules", molecules, "--out", outDir }) info.ArgumentList.Add(a);
        var p = Process.Start(info)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from)) Copy(d, Path.Combine(to, Path.GetFileName(d)));
    }
}

internal static class ProcessExtensions
{
    public static int WaitForExitOrKill(this Process p)
    {
        using (p)
        {
            if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("sieve batch did not finish in 60 s");
            }
            return p.ExitCode;
        }
    }
}
