using Sieve.Runtime.Caching;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Caching;

/// <summary>
/// The rule for prefixes a decoder reducer pruned: an entry pruned in a prefill of rows [0, E) is reused only by a
/// prompt that holds those E rows unchanged, and then continues the session (the new rows attend to the pruned
/// cache; the reducer does not run again).
/// </summary>
public sealed class PrunedPrefixTests
{
    private const double Tolerance = 1e-4;
    private const long Image = TinyLlava.ImageToken;
    private static readonly long[] Turn1 = [1, 17, 18, Image, 23, 42, 5];
    private const long Rows1 = 7 - 1 + TinyLlava.FeaturesPerImage;

    [Fact]
    public void A_prompt_extending_the_pruning_prefill_continues_the_session_instead_of_pruning_again()
    {
        using var model = TinyLlava.Create();
        using var pixels = TinyLlava.Pixels(1);
        using var cache = new PrefixCache(1 << 20);
        var reducer = new KeepEveryOtherImageRow(1, textDependent: true);
        var answer = PrefixTurns.Answer(model, cache, Turn1, pixels, tokens: 4, reducer, KeepEveryOtherImageRow.Key);
        long[] turn2 = [.. Turn1, .. answer, 31, 32, 33];   // 7 rows more: the text-dependent reducer would keep other rows now

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var settings = new PrefillSettings(cache, DecoderReducer: reducer, ReductionKey: KeepEveryOtherImageRow.Key);
        var outcome = PrefixPrefill.Run(model, turn2, PrefixTurns.NotEncoded(pixels), settings, allRows: true);
        using var continued = outcome.Cache;

        Assert.Equal(1, reducer.Calls);                          // pruned once, in the first turn
        Assert.Equal(Rows1 + answer.Count - 1, outcome.ReusedTokens);
        Assert.Equal(Rows1, outcome.PrunedExtent);              // the continued sequence keeps the first turn's pruning

        // What a session does without any cache: prune in the first prefill, then feed the rest to that cache.
        using var session = model.NewCache();
        var (embeds, layout) = model.EmbedPrompt(turn2, model.EncodeImages(pixels));
        model.Forward(embeds.narrow(1, 0, Rows1), session, false, new KeepEveryOtherImageRow(1, textDependent: true), layout.Images);
        var rest = model.Forward(embeds.narrow(1, Rows1, embeds.shape[1] - Rows1), session, allRows: true).Logits;
        var expected = rest.narrow(0, outcome.ReusedTokens - Rows1, outcome.Logits.shape[0]);
        Assert.InRange(PrefixTurns.MaxDifference(expected, outcome.Logits), 0, Tolerance);
        Assert.Equal(session[2].Positions!.data<long>().ToArray(), continued[2].Positions!.data<long>().ToArray());

        // A fresh prefill of the longer prompt prunes knowing the later text, and keeps other image rows.
        using var fresh = model.NewCache();
        model.Forward(embeds, fresh, false, new KeepEveryOtherImageRow(1, textDependent: true), layout.Images);
        Assert.NotEqual(KeptBefore(fresh, Rows1), KeptBefore(continued, Rows1));
    }

    private static long[] KeptBefore(KvCache cache, long row) =>
        cache[2].Positions!.data<long>().ToArray().Where(p => p < row).ToArray();

    [Theory]
    [InlineData(new long[] { 1, 17, 18, Image, 23, 99, 5, 31, 32 })]   // the text after the image that chose the kept rows changed
    [InlineData(new long[] { 1, 17, 18, Image, 23, 42 })]              // a prompt ending inside the pruning prefill
    public void A_prompt_that_changes_or_stops_inside_the_pruning_prefill_is_recomputed_in_full(long[] prompt)
    {
        using var model = TinyLlava.Create();
        using var pixels = TinyLlava.Pixels(1);
        using var cache = new PrefixCache(1 << 20);
        var reducer = new KeepEveryOtherImageRow(1);
        PrefixTurns.Answer(model, cache, Turn1, pixels, tokens: 3, reducer, KeepEveryOtherImageRow.Key);

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var settings = new PrefillSettings(cache, DecoderReducer: reducer, ReductionKey: KeepEveryOtherImageRow.Key);
        var outcome = PrefixPrefill.Run(model, prompt, PromptImages.FromPixels(pixels), settings);
        outcome.Cache.Dispose();

        Assert.Equal(0, outcome.ReusedTokens);   // not even "1 17 18": the reducer must see the prompt from row 0
        Assert.Equal(2, reducer.Calls);
        Assert.Equal(prompt.Length - 1 + TinyLlava.FeaturesPerImage, outcome.PrunedExtent);
        Assert.Equal(2, cache.Misses);           // the first turn's lookup and this one
    }

    [Fact]
    public void Without_a_reducer_the_same_change_reuses_the_text_before_it()
    {
        using var model = TinyLlava.Create();
        using var pixels = TinyLlava.Pixels(1);
        using var cache = new PrefixCache(1 << 20);
        PrefixTurns.Answer(model, cache, Turn1, pixels, tokens: 3);

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var outcome = PrefixPrefill.Run(model, [1, 17, 18, Image, 23, 99, 5], PrefixTurns.NotEncoded(pixels), new PrefillSettings(cache));
        outcome.Cache.Dispose();
        Assert.Equal(3 + TinyLlava.FeaturesPerImage + 1, outcome.ReusedTokens);
    }

    [Fact]
    public void With_a_decoder_reducer_a_new_image_in_a_later_turn_is_pruned_in_a_full_prefill()
    {
        using var model = TinyLlava.Create();
        using var pixels = TinyLlava.Pixels(2);
        using var firstImage = pixels.narrow(0, 0, 1);
        using var cache = new PrefixCache(1 << 20);
        var reducer = new KeepEveryOtherImageRow(1);
        var answer = PrefixTurns.Answer(model, cache, Turn1, firstImage, tokens: 3, reducer, KeepEveryOtherImageRow.Key);
        long[] turn2 = [.. Turn1, .. answer, 31, Image, 32];

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var settings = new PrefillSettings(cache, DecoderReducer: reducer, ReductionKey: KeepEveryOtherImageRow.Key);
        var outcome = PrefixPrefill.Run(model, turn2, PromptImages.FromPixels(pixels), settings);
        using var _ = outcome.Cache;
        Assert.Equal(0, outcome.ReusedTokens);
        Assert.Equal(2, reducer.Calls);
        Assert.Equal(outcome.PromptTokens - TinyLlava.FeaturesPerImage, outcome.Cache[1].Length);   // both images halved
    }
}
