using Sieve.Runtime.Reduction;
using Sieve.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Reduction;

/// <summary>
/// What every layer-K reducer (DART, FastV, random, a replayed kept set) must leave behind on the tiny model: the
/// promised number of image rows, every text row, original position ids, full caches below K and pruned ones from K,
/// decoding at L_full + t, and the unreduced model exactly when everything is kept.
/// </summary>
public sealed class DecoderReducerInvariantTests
{
    /// <summary>spec → image rows kept of the prompt's 16.</summary>
    public static TheoryData<string, int> Specs => new()
    {
        { "dart:8", 4 + 8 },                 // the reference's count: P_img + 8·floor(8/8)
        { "dart:8:mode=exact", 8 },
        { "dart:5:mode=exact:k=1", 5 },
        { "dart:0.5:pimg=2:ptxt=2", 2 + 4 * 2 },
        { "fastv:8", 8 },
        { "fastv:3:k=1", 3 },
        { "random:8:seed=3", 8 },
        { "random:1", 1 },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Keeps_the_promised_image_rows_all_text_and_original_positions(string spec, int keptImageRows)
    {
        using var model = TinyLlava.Create();
        var reducers = ReductionSpec.Parse(spec).Build();
        int k = reducers.Decoder!.Layer;
        using var run = new ReductionRun(model, reducers);
        var image = run.Layout.Images.Single();
        var kept = run.KeptRows;

        Assert.Equal(keptImageRows, kept.Count(r => r >= image.Start && r < image.End));
        Assert.Equal(keptImageRows, run.Outcome.KeptImageTokens);
        var text = Enumerable.Range(0, (int)run.FullLength).Select(i => (long)i).Where(r => r < image.Start || r >= image.End);
        Assert.Subset(kept.ToHashSet(), text.ToHashSet());
        Assert.Equal(kept.Length, run.Logits.shape[0]);
        for (int layer = 0; layer < model.LanguageModel.Model.LayerCount; layer++)
        {
            var positions = run.Cache[layer].Positions!.data<long>().ToArray();
            Assert.Equal(layer < k ? Enumerable.Range(0, (int)run.FullLength).Select(i => (long)i).ToArray() : kept, positions);
        }

        run.Feed(3);
        run.Feed(4);
        Assert.Equal(run.FullLength + 2, run.Cache.NextPosition);
        Assert.Equal([run.FullLength, run.FullLength + 1], run.Cache[k].Positions!.data<long>().ToArray()[^2..]);
        Assert.Equal(kept.Length + 2, run.Cache[model.LanguageModel.Model.LayerCount - 1].Length);
    }

    [Theory]
    [InlineData("dart:16")]                  // 4 + 8·2 = 20 ≥ 16: every image row
    [InlineData("dart:16:mode=exact")]
    [InlineData("fastv:16")]
    [InlineData("random:16:seed=9")]
    public void Keeping_every_image_row_gives_the_unreduced_model_exactly(string spec)
    {
        using var model = TinyLlava.Create();
        using var plain = new ReductionRun(model, Reducers.None);
        using var reduced = new ReductionRun(model, ReductionSpec.Parse(spec).Build());
        Assert.Equal(plain.KeptRows, reduced.KeptRows);
        Assert.Equal(plain.Logits.data<float>().ToArray(), reduced.Logits.data<float>().ToArray());
        Assert.Equal(plain.Feed(7), reduced.Feed(7));
        Assert.Equal(plain.Feed(8), reduced.Feed(8));
    }

    [Fact]
    public void Two_images_each_keep_their_budget()
    {
        using var model = TinyLlava.Create();
        const long I = TinyLlava.ImageToken;
        foreach (var (spec, perImage) in new[] { ("dart:4:mode=exact", 4), ("fastv:6", 6), ("random:2", 2), ("dart:8", 12) })
        {
            using var run = new ReductionRun(model, ReductionSpec.Parse(spec).Build(), images: 2, prompt: [1, I, 5, 6, I, 7, 8, 9, 10, 11]);
            var kept = run.KeptRows.ToHashSet();
            Assert.All(run.Layout.Images, s => Assert.Equal(perImage, Enumerable.Range((int)s.Start, (int)s.Length).Count(r => kept.Contains(r))));
        }
    }

    [Fact]
    public void A_prefill_after_earlier_turns_prunes_only_its_own_rows_and_keeps_their_absolute_positions()
    {
        using var model = TinyLlava.Create();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var cache = model.NewCache();
        var (first, _) = model.EmbedPrompt([1, 9, 8, 7, 6], []);
        model.Forward(first, cache);                                           // an earlier turn: 5 positions
        var (embeds, layout) = model.EmbedPrompt(ReductionRun.Prompt, model.EncodeImages(TinyLlava.Pixels(1)));
        var (_, kept) = model.Forward(embeds, cache, false, ReductionSpec.Parse("dart:8:mode=exact").Build().Decoder, layout.Images);
        var outcome = ReductionOutcome.Of(layout, kept, 5);

        Assert.Equal(8, outcome.KeptImageTokens);
        Assert.All(outcome.KeptImagePositions, p => Assert.InRange(p, 5 + ReductionRun.ImageStart, 5 + ReductionRun.ImageStart + 15));
        Assert.Equal(5 + layout.Ids.Length, cache[1].Length);
        Assert.Equal(5 + kept!.shape[0], cache[2].Length);
        Assert.Equal(outcome.KeptImagePositions, cache[2].Positions!.data<long>().ToArray()
            .Where(p => p >= 5 + ReductionRun.ImageStart && p < 5 + ReductionRun.ImageStart + 16));
    }
}
