using System.Text;
using System.Text.RegularExpressions;

namespace Sieve.Cli.Tests;

/// <summary>The README's first two commands are the project's promise to a new user: keep them runnable.</summary>
public sealed partial class ReadmeCommandTests
{
    [Fact]
    public void First_command_sets_up_then_runs_the_report_on_a_shipped_sample_and_says_where_it_is()
    {
        var (first, _) = FirstTwoCommands();
        const string prefix = "./setup.sh && ./sieve ";
        Assert.StartsWith(prefix, first);
        var args = ShellWords(first[prefix.Length..]);
        Assert.Equal("report", args[0]);

        // Run the repository's ./sieve wrapper as a user would, in a scratch copy of the samples it names, so the
        // report it writes under ./out cannot touch a report the user already has.
        var scratch = Directory.CreateTempSubdirectory("sieve-readme-").FullName;
        try
        {
            var patent = args[args.IndexOf("--patent") + 1];
            CopyFolder(Path.Combine(Repository.Root, patent), Path.Combine(scratch, patent));
            var (code, stdout, stderr) = RunWrapper(scratch, args);
            Assert.True(code == 0, stderr);
            Assert.Contains("Covered", stdout);
            var where = stdout.Split('\n').Single(l => l.StartsWith("report: ", StringComparison.Ordinal))["report: ".Length..].Trim();
            foreach (var file in new[] { "report.md", "report.html", "report.json" })
                Assert.True(File.Exists(Path.Combine(scratch, where, file)), $"{file} missing in {where}");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void Second_command_is_the_test_script_that_ci_runs()
    {
        var (_, second) = FirstTwoCommands();
        Assert.Equal("./test.sh", second);
        Assert.Contains("./test.sh", File.ReadAllText(Path.Combine(Repository.Root, ".ci", "run")));
    }

    private static (string First, string Second) FirstTwoCommands()
    {
        var blocks = FencedBlock().Matches(File.ReadAllText(Path.Combine(Repository.Root, "README.md")))
            .Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.True(blocks.Count >= 2, "README.md needs two fenced command blocks");
        return (blocks[0], blocks[1]);
    }

    private static (int Code, string Out, string Error) RunWrapper(string workingDirectory, IEnumerable<string> args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("bash")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(Repository.Root, "sieve"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    /// <summary>Splits a command line the way sh does for the quoting the README uses ('…', "…", blanks).</summary>
    private static List<string> ShellWords(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c is '\'' or '"')
            {
                var close = line.IndexOf(c, i + 1);
                Assert.True(close > i, $"unbalanced {c} in README command: {line}");
                word.Append(line, i + 1, close - i - 1);
                i = close;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }

    [GeneratedRegex(@"^```[a-z]*\n(.*?)\n```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();
}
