using Sieve.Runtime.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Models;

/// <summary>
/// pack_image_features' order on identity-coded features (value = tile·10000 + patch, newline = −1), against the
/// float64 torch transcription in scripts/runtime/gen_anyres_reference.py (tiny tiles: 56 px, 14 px patches).
/// </summary>
public sealed class AnyResPackingTests
{
    public AnyResPackingTests() => TorchRuntime.EnsureLoadable();

    public static TheoryData<int, int> Sizes()
    {
        var data = new TheoryData<int, int>();
        foreach (var c in AnyResReference.Cases("packing"))
            data.Add(c.GetProperty("height").GetInt32(), c.GetProperty("width").GetInt32());
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Thumbnail_then_unpadded_grid_rows_each_ending_in_a_newline(int height, int width)
    {
        var c = AnyResReference.Cases("packing").Single(x =>
            x.GetProperty("height").GetInt32() == height && x.GetProperty("width").GetInt32() == width);
        var layout = AnyResLayout.Create((height, width), AnyResReference.Pinpoints("tiny_pinpoints"), 56, 14);
        using var scope = NewDisposeScope();
        var ids = arange(layout.TileCount, dtype: ScalarType.Float64).unsqueeze(1) * 10000
                  + arange(16, dtype: ScalarType.Float64).unsqueeze(0);
        var tiles = stack([ids, ids * 2], 2); // two channels, so the permutation of the feature axis is exercised
        var packed = AnyResPacking.Pack(tiles, layout, tensor(new[] { -1.0, -2.0 }));

        var expected = AnyResReference.Ints(c.GetProperty("packed"));
        Assert.Equal(expected, packed[.., 0].data<double>().Select(v => (int)v).ToArray());
        Assert.Equal(expected.Select(v => v * 2), packed[.., 1].data<double>().Select(v => (int)v));
        Assert.Equal(layout.PackedLength, expected.Length);
        Assert.All(Enumerable.Range(0, layout.RowCount), r => Assert.Equal(-1, expected[layout.NewlineIndex(r)]));
    }

    [Fact]
    public void Features_that_do_not_fit_the_layout_are_refused()
    {
        var layout = AnyResLayout.Create((56, 56), AnyResReference.Pinpoints("tiny_pinpoints"), 56, 14);
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => AnyResPacking.Pack(zeros(2, 16, 3), layout, zeros(3)));
        Assert.Contains($"{layout.TileCount} tiles", e.Message);
    }
}
