using Microsoft.SemanticKernel;
using Sieve.KernelFunctions.Markush;

namespace Sieve.KernelFunctions.Tests;

public sealed class StructureImageTests
{
    private readonly Kernel _kernel = TestKernel.Create();

    [Fact]
    public async Task A_drawing_reads_as_its_molecule_with_a_confidence()
    {
        var r = await TestKernel.Invoke<StructureImageResult>(_kernel, "markush", "read_structure_image", new() { ["path"] = "images/xylenol.png" });
        var s = Assert.Single(r.Structures);
        Assert.Equal("Cc1cccc(C)c1O", s.Smiles);
        Assert.False(s.Markush);
        Assert.InRange(s.Confidence, 0.5, 1.0);
        Assert.Null(r.Failure);
    }

    [Fact]
    public async Task A_missing_image_or_one_outside_the_root_is_refused_naming_the_path()
    {
        var missing = await TestKernel.Refused(_kernel, "markush", "read_structure_image", new() { ["path"] = "images/none.png" });
        Assert.Equal("path", missing.Parameter);
        Assert.Contains("images/none.png", missing.Problem);
        var outside = await TestKernel.Refused(_kernel, "markush", "read_structure_image", new() { ["path"] = "/etc/passwd" });
        Assert.Equal("path", outside.Parameter);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused()
    {
        var r = await TestKernel.Refused(_kernel, "markush", "read_structure_image", new() { ["path"] = TestKernel.Coxib + "/claims.txt" });
        Assert.Equal("path", r.Parameter);
        Assert.Contains("not an image", r.Problem);
    }
}
