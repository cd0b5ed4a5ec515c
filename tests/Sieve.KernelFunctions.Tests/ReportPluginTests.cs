using Microsoft.SemanticKernel;
using Sieve.KernelFunctions.Reports;

namespace Sieve.KernelFunctions.Tests;

/// <summary>The report tool checks its inputs before the writer sees them; the writer (agents) is tested with the
/// MCP server that offers it. Without a writer the tool is not offered at all.</summary>
public sealed class ReportPluginTests
{
    private sealed class RecordingAuthor : IReportAuthor
    {
        public List<(string Folder, string Molecule, string Formats)> Calls { get; } = [];

        public WrittenReport Write(string patentDirectory, string molecule, string formats)
        {
            Calls.Add((patentDirectory, molecule, formats));
            return new WrittenReport("covered", "s", [new ClaimVerdict(1, "covered")], "/r", ["/r/report.md"]);
        }
    }

    private static (Kernel Kernel, RecordingAuthor Author) Create()
    {
        var author = new RecordingAuthor();
        return (Kernel.CreateBuilder().AddSieveTools(TestKernel.Root, reports: author).Build(), author);
    }

    [Fact]
    public async Task A_package_inside_the_root_reaches_the_writer_as_its_real_folder()
    {
        var (kernel, author) = Create();
        var written = await TestKernel.Invoke<WrittenReport>(kernel, "report", "write_report",
            new() { ["path"] = TestKernel.Coxib, ["molecule"] = TestKernel.Celecoxib });
        Assert.Equal("covered", written.Verdict);
        var call = Assert.Single(author.Calls);
        Assert.Equal(Path.Combine(TestKernel.Root, "patents", "coxib-diarylpyrazole"), call.Folder);
        Assert.Equal("md,html,json", call.Formats);
    }

    [Theory]
    [InlineData("/etc", "C", "path", "outside the allowed folder")]
    [InlineData("patents/_tools", "C", "path", "no claims.txt")]
    [InlineData(TestKernel.Coxib, " ", "molecule", "empty")]
    public async Task Bad_input_is_refused_before_the_writer(string path, string molecule, string parameter, string problem)
    {
        var (kernel, author) = Create();
        var e = await TestKernel.Refused(kernel, "report", "write_report", new() { ["path"] = path, ["molecule"] = molecule });
        Assert.Equal(parameter, e.Parameter);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.Empty(author.Calls);
    }

    [Fact]
    public void Without_a_writer_no_report_tool_is_offered() =>
        Assert.DoesNotContain(TestKernel.Create().Plugins, p => p.Name == ReportPlugin.PluginName);
}
