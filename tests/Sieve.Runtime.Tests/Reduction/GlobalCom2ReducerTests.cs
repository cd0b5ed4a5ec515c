using Sieve.Runtime.Interop;
using Sieve.Runtime.Models;
using Sieve.Runtime.Reduction;
using Sieve.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Reduction;

/// <summary>
/// GlobalCom² against a transcription of the authors' code (xuyang-liu16/GlobalCom2 @96b2d00, llava_arch.py) run on
/// fixed score tensors by scripts/runtime/gen_anyres_reference.py, plus the method's invariants.
/// </summary>
public sealed class GlobalCom2ReducerTests
{
    public GlobalCom2ReducerTests() => TorchRuntime.EnsureLoadable();

    public static TheoryData<string> Cases() => new(AnyResReference.Cases("globalcom2").Select(c => c.GetProperty("name").GetString()!));

    private static (AnyResLayout Layout, double Retention, Tensor Scores) Load(string name)
    {
        var c = AnyResReference.Case("globalcom2", name);
        var layout = AnyResLayout.Create((c.GetProperty("height").GetInt32(), c.GetProperty("width").GetInt32()),
            AnyResReference.Pairs(c.GetProperty("pinpoints")), c.GetProperty("tile").GetInt32(), c.GetProperty("patch").GetInt32());
        return (layout, c.GetProperty("retention").GetDouble(), NumpyFile.Read(AnyResReference.Data($"globalcom2-{name}.npy")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kept_tokens_and_crop_ratios_match_the_reference_transcription(string name)
    {
        var (layout, retention, scores) = Load(name);
        using var _ = scores;
        var c = AnyResReference.Case("globalcom2", name);
        var kept = new GlobalCom2Reducer(retention).SelectKept(new AnyResReductionInput(layout, scores));
        Assert.Equal(AnyResReference.Ints(c.GetProperty("kept")).Select(i => (long)i), kept);

        var ratios = GlobalCom2Reducer.CropRetention(scores[0].data<double>().ToArray(), layout.Side, layout.GridRows,
            layout.GridColumns, retention);
        var expected = c.GetProperty("crop_ratios").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(expected.Length, ratios.Length);
        for (var i = 0; i < ratios.Length; i++)
            Assert.Equal(expected[i], ratios[i], 12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ratios_stay_in_bounds_every_newline_is_kept_and_the_count_follows_R(string name)
    {
        var (layout, retention, scores) = Load(name);
        using var _ = scores;
        var kept = new GlobalCom2Reducer(retention).SelectKept(new AnyResReductionInput(layout, scores));
        var ratios = GlobalCom2Reducer.CropRetention(scores[0].data<double>().ToArray(), layout.Side, layout.GridRows,
            layout.GridColumns, retention);

        Assert.All(ratios, r => Assert.InRange(r, 0, 1));
        if (ratios.All(r => r < 1)) // unclipped: σ sums to 1, so the ratios average R
            Assert.Equal(retention, ratios.Average(), 6);
        Assert.Equal(kept.Length, kept.Distinct().Count());
        Assert.All(Enumerable.Range(0, layout.RowCount), r => Assert.Contains((long)layout.NewlineIndex(r), kept));

        // Thumbnail: exactly int(N·R); grid: Σ int(N_j·r_j), within one token per crop of Σ N_j·r_j.
        var side2 = layout.ThumbnailLength;
        Assert.Equal((int)(side2 * retention), kept.Count(i => i < side2));
        var gridKept = kept.Count(i => i >= side2) - layout.RowCount;
        var budget = Enumerable.Range(0, layout.GridRows * layout.GridColumns).Sum(j => ValidTokens(layout, j) * ratios[j]);
        Assert.InRange(gridKept, budget - layout.GridRows * layout.GridColumns, budget);

        // Crop tokens and newlines keep their packed order after the thumbnail.
        var tail = kept.Where(i => i >= side2).ToArray();
        Assert.Equal(tail.Order(), tail);
    }

    [Fact]
    public void Ratio_one_keeps_the_packed_sequence_unchanged_and_spatial_mode_sorts_the_thumbnail()
    {
        var (layout, _, scores) = Load("next_2x2");
        using var _ = scores;
        var all = new GlobalCom2Reducer(1.0).SelectKept(new AnyResReductionInput(layout, scores));
        Assert.Equal(Enumerable.Range(0, layout.PackedLength).Select(i => (long)i), all);

        var byScore = new GlobalCom2Reducer(0.25).SelectKept(new AnyResReductionInput(layout, scores));
        var spatial = new GlobalCom2Reducer(0.25, ThumbnailOrder.Spatial).SelectKept(new AnyResReductionInput(layout, scores));
        Assert.Equal(byScore.Order(), spatial.Order());
        Assert.Equal(spatial.Order(), spatial);
        Assert.NotEqual(byScore, spatial);
        // Score order: the thumbnail's kept scores are non-increasing.
        var thumb = scores[0].data<double>().ToArray();
        var thumbKept = byScore.Take(144).Select(i => thumb[i]).ToArray();
        Assert.Equal(thumbKept.OrderByDescending(v => v), thumbKept);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Retention_outside_zero_to_one_is_refused(double r) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GlobalCom2Reducer(r));

    [Fact]
    public void Scores_of_the_wrong_shape_are_refused()
    {
        var (layout, _, scores) = Load("tiny_hpad");
        using var _ = scores;
        using var wrong = scores.narrow(0, 0, 2);
        Assert.Contains("do not fit", Assert.Throws<ArgumentException>(() =>
            new GlobalCom2Reducer(0.5).SelectKept(new AnyResReductionInput(layout, wrong))).Message);
    }

    [Fact]
    public void The_spec_globalcom2_then_dart_builds_an_encoder_and_a_decoder_reducer()
    {
        var reducers = ReductionSpec.Parse("globalcom2:0.25,dart:128").Build();
        var g = Assert.IsType<GlobalCom2Reducer>(reducers.Vision);
        Assert.Equal(0.25, g.Retention);
        Assert.Equal(ThumbnailOrder.Score, g.Order);
        Assert.IsType<DartReducer>(reducers.Decoder);
        Assert.Equal(ThumbnailOrder.Spatial,
            Assert.IsType<GlobalCom2Reducer>(ReductionSpec.Parse("globalcom2:1:thumb=spatial").Build().Vision).Order);

        var configured = new ReductionOptions { Method = "globalcom2", Ratio = 0.25 }.ToSpec().Build();
        Assert.Equal(0.25, Assert.IsType<GlobalCom2Reducer>(configured.Vision).Retention);

        foreach (var bad in new[] { "globalcom2", "globalcom2:0", "globalcom2:1.5", "globalcom2:0.25:k=2", "globalcom2:0.25,pool:2" })
            Assert.Throws<ReductionSpecException>(() => ReductionSpec.Parse(bad));
    }

    [Fact]
    public void On_a_NeXT_prompt_globalcom2_shortens_the_images_and_dart_then_prunes_at_layer_K()
    {
        using var model = TinyNextCheckpoint.Create();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        (int, int)[] sizes = [(60, 100)];
        var layout = model.AnyResLayoutFor(sizes[0]);
        var pixels = randn(new long[] { 1, layout.TileCount, 3, 56, 56 }, generator: new TorchSharp.torch.Generator(9));
        long[] ids = [1, 17, TinyLlava.ImageToken, 23, 42, 5];

        var reducers = ReductionSpec.Parse("globalcom2:0.5,dart:8:mode=exact").Build();
        var (features, kept) = model.EncodeAnyRes(pixels, sizes, (IAnyResFeatureReducer)reducers.Vision!);
        var (embeds, prompt) = model.EmbedPrompt(ids, features);
        Assert.Equal(kept![0].Length, prompt.Images[0].Length);
        Assert.True(prompt.Images[0].Length < layout.PackedLength);

        using var cache = model.NewCache();
        var (logits, rows) = model.Forward(embeds, cache, allRows: true, reducers.Decoder, prompt.Images);
        var outcome = ReductionOutcome.Of(prompt, rows, 0);
        Assert.Equal(8, outcome.KeptImageTokens);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    private static int ValidTokens(AnyResLayout layout, int crop)
    {
        int gr = crop / layout.GridColumns, gc = crop % layout.GridColumns, s = layout.Side;
        int rows = Math.Max(0, Math.Min(layout.RowStart + layout.RowCount, (gr + 1) * s) - Math.Max(layout.RowStart, gr * s));
        int cols = Math.Max(0, Math.Min(layout.ColumnStart + layout.ColumnCount, (gc + 1) * s) - Math.Max(layout.ColumnStart, gc * s));
        return rows * cols;
    }
}
