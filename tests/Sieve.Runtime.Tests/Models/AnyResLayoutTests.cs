using Sieve.Runtime.Models;
using Sieve.Runtime.Preprocessing;

namespace Sieve.Runtime.Tests.Models;

/// <summary>AnyRes geometry against transformers' functions transcribed in scripts/runtime/gen_anyres_reference.py,
/// with llava-v1.6's five pinpoints and ViT-L/14-336 tiles.</summary>
public sealed class AnyResLayoutTests
{
    public static TheoryData<int, int> Sizes()
    {
        var data = new TheoryData<int, int>();
        foreach (var c in AnyResReference.Cases("geometry"))
            data.Add(c.GetProperty("height").GetInt32(), c.GetProperty("width").GetInt32());
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Best_resolution_grid_unpadding_and_feature_count_match_transformers(int height, int width)
    {
        var c = AnyResReference.Cases("geometry").Single(x =>
            x.GetProperty("height").GetInt32() == height && x.GetProperty("width").GetInt32() == width);
        var layout = AnyResLayout.Create((height, width), AnyResReference.Pinpoints("next_pinpoints"), 336, 14);

        var best = AnyResReference.Ints(c.GetProperty("best"));
        Assert.Equal((best[0], best[1]), layout.Resolution);
        Assert.Equal((c.GetProperty("rows").GetInt32(), c.GetProperty("cols").GetInt32()), (layout.GridRows, layout.GridColumns));
        Assert.Equal((c.GetProperty("row_start").GetInt32(), c.GetProperty("row_count").GetInt32()), (layout.RowStart, layout.RowCount));
        Assert.Equal((c.GetProperty("col_start").GetInt32(), c.GetProperty("col_count").GetInt32()), (layout.ColumnStart, layout.ColumnCount));
        // The processor's _get_number_of_features: what the image token expands to.
        Assert.Equal(c.GetProperty("features").GetInt32(), layout.PackedLength);
        var fit = AnyResReference.Ints(c.GetProperty("fit"));
        Assert.Equal((fit[0], fit[1]), LlavaNextImageProcessor.FitSize(height, width, best[0], best[1]));
    }

    [Fact]
    public void A_640_by_480_photo_takes_the_672_square_grid_and_loses_six_patch_rows_top_and_bottom()
    {
        // Hand-computed: 672/640 = 1.05 → 672x504 fits; 48x48 patch grid, new height int(480·48/640) = 36, padding 6.
        var layout = AnyResLayout.Create((480, 640), [(336, 672), (672, 336), (672, 672), (1008, 336), (336, 1008)], 336, 14);
        Assert.Equal((672, 672), layout.Resolution);
        Assert.Equal((6, 36, 0, 48), (layout.RowStart, layout.RowCount, layout.ColumnStart, layout.ColumnCount));
        Assert.Equal(576 + 36 * 49, layout.PackedLength);
        Assert.Equal(5, layout.TileCount);
    }

    [Fact]
    public void Bad_sizes_and_pinpoints_are_refused_with_the_value_named()
    {
        var pins = new List<(int, int)> { (336, 672) };
        Assert.Contains("0x10", Assert.Throws<ArgumentException>(() => AnyResLayout.Create((0, 10), pins, 336, 14)).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => AnyResLayout.Create((10, 10), [], 336, 14)).Message);
        Assert.Contains("[300, 672]", Assert.Throws<ArgumentException>(() => AnyResLayout.Create((10, 10), [(300, 672)], 336, 14)).Message);
    }
}
