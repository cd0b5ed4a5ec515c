using OpenCvSharp;
using Sieve.Ocsr.Assembly;
using Sieve.Ocsr.Labels;

namespace Sieve.Ocsr.Tests;

/// <summary>A bare element label drawn with more bonds than its element takes is read as its alternative.</summary>
public class OverfullLabelsTests
{
    private static DrawnLabel Label(string text, string? alternative) =>
        new(text, new Rect(0, 0, 20, 28), 0.52, [1]) { Alternative = alternative };

    [Fact]
    public void An_H_with_three_bonds_whose_runner_up_is_N_is_an_N()
    {
        var resolved = OverfullLabels.Resolve([Label("H", "N")], [3]);
        Assert.Equal("N", resolved[0].Text);
        Assert.Equal("H", resolved[0].Alternative);
    }

    [Fact]
    public void An_H_with_one_bond_stays_an_H() =>
        Assert.Equal("H", OverfullLabels.Resolve([Label("H", "N")], [1])[0].Text);

    [Fact]
    public void An_alternative_that_cannot_take_the_bonds_either_is_not_taken() =>
        Assert.Equal("H", OverfullLabels.Resolve([Label("H", "O")], [3])[0].Text);

    [Fact]
    public void A_label_with_drawn_hydrogens_is_left_alone() =>
        Assert.Equal("OH", OverfullLabels.Resolve([Label("OH", "NH")], [2])[0].Text);
}
