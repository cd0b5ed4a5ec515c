using Sieve.Chemistry.Molfile;

namespace Sieve.Chemistry.Tests.Molfile;

public sealed class MolfileDetectionTests
{
    [Theory]
    [InlineData("  1  0  0  0  0  0  0  0  0  0999 V2000")]
    [InlineData("  0  0  0     0  0            999 V3000")]
    [InlineData(" 12 11  0  0  0  0")] // an old molfile that leaves out the version
    public void A_counts_line_in_fourth_place_means_molfile(string counts) =>
        Assert.True(MolfileDetection.LooksLikeMolfile(["ethanol", "  RDKit          2D", "", counts]));

    [Fact]
    public void Smiles_lines_are_not_a_molfile_however_many_there_are()
    {
        Assert.False(MolfileDetection.LooksLikeMolfile(["CCO ethanol", "c1ccccc1", "CC(=O)O", "C1CC1 cyclopropane"]));
        Assert.False(MolfileDetection.LooksLikeMolfile(["CCO"]));
        Assert.False(MolfileDetection.LooksLikeMolfile(["a", "b", "c", "  x  1"]));
    }

    [Theory]
    [InlineData("x.mol", true)]
    [InlineData("x.SDF", true)]
    [InlineData("x.sd", true)]
    [InlineData("x.smi", false)]
    [InlineData("molfile", false)]
    public void Extensions_that_always_mean_molfile(string path, bool expected) =>
        Assert.Equal(expected, MolfileDetection.IsMolfileExtension(path));
}
