using Microsoft.SemanticKernel;
using Sieve.KernelFunctions.Patents;

namespace Sieve.KernelFunctions.Tests;

public sealed class PatentPluginTests
{
    private readonly Kernel _kernel = TestKernel.Create();

    [Fact]
    public async Task Read_patent_gives_bibliography_and_the_claim_tree()
    {
        var p = await TestKernel.Invoke<PatentSummary>(_kernel, "patent", "read_patent", new() { ["path"] = TestKernel.Coxib });
        Assert.Equal("package", p.Source);
        Assert.Equal("SAMPLE-COX-001", p.Number);
        Assert.StartsWith("Substituted 1,5-diarylpyrazoles", p.Title, StringComparison.Ordinal);
        Assert.Equal("Sample data for Sieve tests", p.Assignee);
        Assert.Equal(["I"], p.Formulas);
        Assert.Equal([1, 2, 3, 4, 5], p.Claims.Select(c => c.Number));
        var c1 = p.Claims[0];
        Assert.Equal(("compound", true, "I"), (c1.Kind, c1.Independent, c1.Formula));
        Assert.Empty(c1.DependsOn);
        Assert.True(c1.TextTruncated);
        Assert.Equal(PatentPlugin.ExcerptLength + 1, c1.Text.Length);
        Assert.StartsWith("A compound of formula (I)", c1.Text, StringComparison.Ordinal);
        Assert.Equal([2], p.Claims[2].DependsOn);
        Assert.Equal("compound", p.Claims[2].Kind);
        Assert.Equal(("other", false), (p.Claims[3].Kind, p.Claims[3].Independent));
        Assert.Equal([1], p.Claims[3].DependsOn);
        Assert.Empty(p.Problems);
    }

    [Fact]
    public async Task Read_claims_text_parses_the_same_tree_and_says_formulas_are_missing()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(TestKernel.Root, TestKernel.Coxib, "claims.txt"));
        var p = await TestKernel.Invoke<PatentSummary>(_kernel, "patent", "read_claims_text", new() { ["text"] = text });
        Assert.Equal("claims text", p.Source);
        Assert.Null(p.Number);
        Assert.Equal(["compound", "compound", "compound", "other", "other"], p.Claims.Select(c => c.Kind));
        Assert.Equal([2], p.Claims[2].DependsOn);
        Assert.Contains(p.Problems, x => x.Contains("drawn formulas are not available", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Text_without_numbered_claims_says_so()
    {
        var p = await TestKernel.Invoke<PatentSummary>(_kernel, "patent", "read_claims_text", new() { ["text"] = "This is an abstract, not claims." });
        Assert.Empty(p.Claims);
        Assert.Contains(p.Problems, x => x.Contains("no numbered claims", StringComparison.Ordinal));
        var e = await TestKernel.Refused(_kernel, "patent", "read_claims_text", new() { ["text"] = "" });
        Assert.Equal("text", e.Parameter);
    }

    [Fact]
    public async Task Every_shipped_sample_patent_reads_without_problems()
    {
        foreach (var dir in Directory.GetDirectories(Path.Combine(TestKernel.Root, "patents")).Where(d => File.Exists(Path.Combine(d, "claims.txt"))))
        {
            var p = await TestKernel.Invoke<PatentSummary>(_kernel, "patent", "read_patent", new() { ["path"] = "patents/" + Path.GetFileName(dir) });
            Assert.NotNull(p.Number);
            Assert.Contains(p.Claims, c => c.Kind == "compound" && c.Independent && c.Formula is not null);
        }
    }
}
