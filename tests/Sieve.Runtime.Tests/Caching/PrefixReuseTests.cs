using Sieve.Runtime.Caching;
using Sieve.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Caching;

/// <summary>
/// Reuse without reduction is recomputation: the rows computed after a reused prefix get the logits a fresh prefill
/// of the whole prompt gives them. Not bitwise: the reused rows were computed in other batch shapes (a prefill of the
/// earlier prompt, one-row decode steps), whose float32 matmuls round differently; within 1e-4 of logits of order 1.
/// </summary>
public sealed class PrefixReuseTests
{
    private const double Tolerance = 1e-4;
    private const long Image = TinyLlava.ImageToken;
    private static readonly long[] Turn1 = [1, 17, 18, Image, 23, 42, 5];

    [Fact]
    public void A_third_turn_continuing_two_cached_turns_with_an_image_gets_the_logits_of_recomputation()
    {
        using var model = TinyLlava.Create();
        using var pixels = TinyLlava.Pixels(1);
        using var cache = new PrefixCache(1 << 20);
        var answer1 = PrefixTurns.Answer(model, cache, Turn1, pixels);
        long[] turn2 = [.. Turn1, .. answer1, 31, 32, 33];
        var answer2 = PrefixTurns.Answer(model, cache, turn2, pixels);
        long[] turn3 = [.. turn2, .. answer2, 44, 45, 46, 47];
        Assert.Equal(1, cache.Count);   // the second turn's sequence replaced the first's, which it extends
        Assert.Equal(1, cache.Hits);

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var outcome = PrefixPrefill.Run(model, turn3, PrefixTurns.NotEncoded(pixels), new PrefillSettings(cache), allRows: true);
        using var continued = outcome.Cache;

        long rows = turn3.Length - 1 + TinyLlava.FeaturesPerImage;
        // Everything the second turn fed is reused: its prompt and its answer but the last token, never fed.
        Assert.Equal(turn2.Length - 1 + TinyLlava.FeaturesPerImage + answer2.Count - 1, outcome.ReusedTokens);
        Assert.Equal(rows, outcome.PromptTokens);
        Assert.Equal(rows - outcome.ReusedTokens, outcome.Logits.shape[0]);
        Assert.Equal(rows, continued.NextPosition);
        var expected = PrefixTurns.Recompute(model, turn3, pixels).narrow(0, outcome.ReusedTokens, rows - outcome.ReusedTokens);
        Assert.InRange(PrefixTurns.MaxDifference(expected, outcome.Logits), 0, Tolerance);
    }

    [Fact]
    public void The_same_prompt_again_recomputes_only_its_last_row()
    {
        using var model = TinyLlava.Create();
        using var pixels = TinyLlava.Pixels(1);
        using var cache = new PrefixCache(1 << 20);
        PrefixTurns.Answer(model, cache, Turn1, pixels, tokens: 1);

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var outcome = PrefixPrefill.Run(model, Turn1, PrefixTurns.NotEncoded(pixels), new PrefillSettings(cache), allRows: true);
        using var _ = outcome.Cache;
        long rows = Turn1.Length - 1 + TinyLlava.FeaturesPerImage;
        Assert.Equal(rows - 1, outcome.ReusedTokens);
        var expected = PrefixTurns.Recompute(model, Turn1, pixels).narrow(0, rows - 1, 1);
        Assert.InRange(PrefixTurns.MaxDifference(expected, outcome.Logits), 0, Tolerance);
    }

    [Fact]
    public void A_different_image_is_recomputed_from_where_it_starts_although_its_token_rows_agree()
    {
        using var model = TinyLlava.Create();
        using var first = TinyLlava.Pixels(1, seed: 11);
        using var other = TinyLlava.Pixels(1, seed: 12);
        using var cache = new PrefixCache(1 << 20);
        PrefixTurns.Answer(model, cache, Turn1, first);

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var encoded = new List<int>();
        var images = PromptImages.FromPixels(other);
        images = images with { Pixels = i => { encoded.AddRange(i); return other; } };
        var outcome = PrefixPrefill.Run(model, Turn1, images, new PrefillSettings(cache), allRows: true);
        using var _ = outcome.Cache;

        // The expanded ids agree through the image's 16 rows, but the image does not: only "1 17 18" is reused.
        Assert.Equal(3, outcome.ReusedTokens);
        Assert.Equal([0], encoded);
        long rows = Turn1.Length - 1 + TinyLlava.FeaturesPerImage;
        var expected = PrefixTurns.Recompute(model, Turn1, other).narrow(0, 3, rows - 3);
        Assert.InRange(PrefixTurns.MaxDifference(expected, outcome.Logits), 0, Tolerance);
    }

    [Fact]
    public void Prefixes_computed_under_other_reducer_settings_are_not_reused()
    {
        using var model = TinyLlava.Create();
        using var pixels = TinyLlava.Pixels(1);
        using var cache = new PrefixCache(1 << 20);
        PrefixTurns.Answer(model, cache, Turn1, pixels);

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long[] longer = [.. Turn1, 9, 9];
        var other = PrefixPrefill.Run(model, longer, PromptImages.FromPixels(pixels), new PrefillSettings(cache, ReductionKey: "pool:2x2"));
        other.Cache.Dispose();
        Assert.Equal(0, other.ReusedTokens);
        Assert.True(other.CacheConsulted);

        // A reducer whose settings are not given cannot be keyed: the cache is not consulted at all.
        var unkeyed = PrefixPrefill.Run(model, longer, PromptImages.FromPixels(pixels),
            new PrefillSettings(cache, DecoderReducer: new KeepEveryOtherImageRow(1)));
        unkeyed.Cache.Dispose();
        Assert.False(unkeyed.CacheConsulted);
        Assert.Null(unkeyed.Sequence);

        var same = PrefixPrefill.Run(model, longer, PromptImages.FromPixels(pixels), new PrefillSettings(cache, ReductionKey: PrefixCache.NoReduction));
        same.Cache.Dispose();
        Assert.True(same.ReusedTokens > TinyLlava.FeaturesPerImage);
    }
}
