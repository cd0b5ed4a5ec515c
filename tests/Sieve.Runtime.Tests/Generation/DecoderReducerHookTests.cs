using Sieve.Runtime.Generation;
using Sieve.Runtime.Reduction;
using Sieve.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Generation;

/// <summary>The layer-K hook that decoder-side reducers (issue 7) use.</summary>
public sealed class DecoderReducerHookTests
{
    private static readonly long[] Prompt = [1, 17, TinyLlava.ImageToken, 23, 42, 5];

    private sealed class Keep(int layer, Func<DecoderReductionInput, long[]> choose) : IDecoderLayerReducer
    {
        public int Layer => layer;
        public List<DecoderReductionInput> Calls { get; } = [];
        public Tensor SelectKept(DecoderReductionInput input)
        {
            Calls.Add(input);
            return tensor(choose(input));
        }
    }

    [Fact]
    public void Keeping_every_row_equals_the_unreduced_model_exactly()
    {
        using var model = TinyLlava.Create();
        using var pixels = TinyLlava.Pixels(1);
        var keepAll = new Keep(2, i => Enumerable.Range(0, (int)i.Hidden.shape[1]).Select(x => (long)x).ToArray());
        var options = new SamplingOptions { MaxNewTokens = 6 };

        using var plain = new TokenGenerator(model, options);
        using var reduced = new TokenGenerator(model, options) { DecoderReducer = keepAll };
        Assert.Equal(plain.Prefill(Prompt, pixels), reduced.Prefill(Prompt, pixels));
        while (!plain.Finished) Assert.Equal(plain.Next(), reduced.Next());

        var call = Assert.Single(keepAll.Calls);   // once, during prefill only
        Assert.Equal([new ImageSpan(2, TinyLlava.FeaturesPerImage)], call.Images);
    }

    [Fact]
    public void Pruned_rows_leave_lower_layers_full_and_decoding_continues_after_the_full_length()
    {
        using var model = TinyLlava.Create();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var cache = model.NewCache();
        var (embeds, layout) = model.EmbedPrompt(Prompt, model.EncodeImages(TinyLlava.Pixels(1)));
        long full = layout.Ids.Length;
        // Drop every other image row (rows 2..17 hold the image); text rows stay.
        var kept = Enumerable.Range(0, (int)full).Where(r => r < 2 || r >= 18 || r % 2 == 0).Select(r => (long)r).ToArray();
        var hook = new Keep(1, _ => kept);

        var (logits, keptRows) = model.Forward(embeds, cache, allRows: true, hook, layout.Images);

        Assert.Equal(kept, keptRows!.data<long>().ToArray());
        Assert.Equal(kept.Length, logits.shape[0]);
        Assert.Equal(full, cache[0].Length);                       // layer 0 (< K) caches the full sequence
        Assert.Equal(kept.Length, cache[1].Length);                // layers ≥ K cache the kept rows
        Assert.Equal(kept, cache[2].Positions!.data<long>().ToArray());   // with their original positions
        Assert.Equal(full, cache.NextPosition);

        var next = model.LanguageModel.Model.EmbedTokens.forward(tensor(new long[] { 3 })).unsqueeze(0);
        model.Forward(next, cache);
        Assert.Equal(full, cache[2].Positions![-1].item<long>());  // the next token sits at position L_full
    }

    [Fact]
    public void A_reducer_returning_unsorted_rows_is_refused()
    {
        using var model = TinyLlava.Create();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var cache = model.NewCache();
        var (embeds, layout) = model.EmbedPrompt([1, 2, 3, 4], []);
        var e = Assert.Throws<InvalidOperationException>(() => model.Forward(embeds, cache, false, new Keep(1, _ => [0, 2, 1]), layout.Images));
        Assert.Contains("strictly increasing", e.Message);
    }
}
