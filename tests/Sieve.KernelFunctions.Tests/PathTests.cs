using Microsoft.SemanticKernel;

namespace Sieve.KernelFunctions.Tests;

/// <summary>Plugins read only under their allowed root, whatever path a model (or a claim's text) supplies.</summary>
public sealed class PathTests
{
    private readonly Kernel _kernel = TestKernel.Create();

    [Theory]
    [InlineData("../../..", "outside the allowed folder")]
    [InlineData("/etc", "outside the allowed folder")]
    [InlineData("patents/../..", "outside the allowed folder")]
    [InlineData("patents/no-such-patent", "does not exist")]
    [InlineData("patents/_tools", "without claims.txt")]
    [InlineData("patents/README.md", "'.md' file")]
    [InlineData("", "empty")]
    public async Task Bad_paths_are_refused_naming_the_parameter(string path, string problem)
    {
        foreach (var (plugin, function) in new[] { ("patent", "read_patent"), ("markush", "parse_claims") })
        {
            var e = await TestKernel.Refused(_kernel, plugin, function, new() { ["path"] = path });
            Assert.Equal("path", e.Parameter);
            Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        }
        var m = await TestKernel.Refused(_kernel, "markush", "match", new() { ["path"] = path, ["smiles"] = TestKernel.Celecoxib });
        Assert.Equal("path", m.Parameter);
    }

    [Fact]
    public async Task An_absolute_path_inside_the_root_is_accepted()
    {
        var r = await _kernel.InvokeAsync("patent", "read_patent", new() { ["path"] = Path.Combine(TestKernel.Root, TestKernel.Coxib) });
        Assert.IsType<Sieve.KernelFunctions.Patents.PatentSummary>(r.GetValue<object>());
    }

    [Fact]
    public async Task A_symbolic_link_out_of_the_root_is_refused()
    {
        var root = Directory.CreateTempSubdirectory("sieve-kf-root-");
        var outside = Directory.CreateTempSubdirectory("sieve-kf-outside-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(outside.FullName, "claims.txt"), "1. A compound of formula (I) wherein R1 is methyl.\n");
            Directory.CreateSymbolicLink(Path.Combine(root.FullName, "escape"), outside.FullName);
            var kernel = TestKernel.Create(root.FullName);
            var e = await TestKernel.Refused(kernel, "patent", "read_patent", new() { ["path"] = "escape" });
            Assert.Equal("path", e.Parameter);
            Assert.Contains("link that leads outside", e.Problem, StringComparison.Ordinal);
            var f = await TestKernel.Refused(kernel, "patent", "read_patent", new() { ["path"] = "escape/claims.txt" });
            Assert.Contains("link that leads outside", f.Problem, StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(true);
            outside.Delete(true);
        }
    }

    [Fact]
    public async Task A_formula_file_linked_out_of_the_root_is_refused()
    {
        var root = Directory.CreateTempSubdirectory("sieve-kf-root-");
        var outside = Directory.CreateTempSubdirectory("sieve-kf-outside-");
        try
        {
            var package = Directory.CreateDirectory(Path.Combine(root.FullName, "p", "formulas"));
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "p", "claims.txt"), "1. A compound of formula (I) wherein R1 is methyl.\n");
            var secret = Path.Combine(outside.FullName, "secret.cxsmi");
            await File.WriteAllTextAsync(secret, "[*:1]c1ccccc1\n");
            File.CreateSymbolicLink(Path.Combine(package.FullName, "I.cxsmi"), secret);
            var kernel = TestKernel.Create(root.FullName);
            foreach (var (plugin, function) in new[] { ("patent", "read_patent"), ("markush", "parse_claims") })
            {
                var e = await TestKernel.Refused(kernel, plugin, function, new() { ["path"] = "p" });
                Assert.Equal("path", e.Parameter);
                Assert.Contains("link that leads outside", e.Problem, StringComparison.Ordinal);
            }
        }
        finally
        {
            root.Delete(true);
            outside.Delete(true);
        }
    }

    [Fact]
    public void A_missing_root_is_a_configuration_error()
    {
        Assert.Throws<DirectoryNotFoundException>(() => TestKernel.Create(Path.Combine(TestKernel.Root, "no-such-root")));
    }
}
