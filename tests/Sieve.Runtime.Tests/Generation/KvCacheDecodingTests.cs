using Sieve.Runtime.Generation;
using Sieve.Runtime.Models;
using Sieve.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Generation;

public sealed class KvCacheDecodingTests
{
    private static readonly long[] Prompt = [1, 17, TinyLlava.ImageToken, 23, 42, 5];

    /// <summary>Every row's logits from one uncached pass over the whole sequence (fresh cache).</summary>
    private static Tensor FullLogits(LlavaModel model, IReadOnlyList<long> ids, Tensor pixels)
    {
        using var cache = model.NewCache();
        var (embeds, _) = model.EmbedPrompt(ids, model.EncodeImages(pixels));
        return model.Forward(embeds, cache, allRows: true).Logits;
    }

    [Theory]
    [InlineData(4)]   // plain multi-head attention
    [InlineData(2)]   // grouped-query attention: 4 query heads share 2 kv heads
    public void Cached_decoding_gives_the_logits_of_full_recomputation(int kvHeads)
    {
        using var model = TinyLlava.Create(TinyLlava.Config(kvHeads: kvHeads));
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var pixels = TinyLlava.Pixels(1);
        using var cache = model.NewCache();
        var (embeds, layout) = model.EmbedPrompt(Prompt, model.EncodeImages(pixels));
        var ids = layout.Ids.ToList();
        var stepLogits = new List<Tensor> { model.Forward(embeds, cache).Logits[0] };
        for (int step = 0; step < 6; step++)
        {
            var next = stepLogits[^1].argmax().item<long>();
            ids.Add(next);
            var e = model.LanguageModel.Model.EmbedTokens.forward(tensor(new[] { next })).unsqueeze(0);
            stepLogits.Add(model.Forward(e, cache).Logits[0]);
        }

        var full = FullLogits(model, ids, pixels);
        int first = layout.Ids.Length - 1;
        for (int k = 0; k < stepLogits.Count; k++)
        {
            var diff = (stepLogits[k] - full[first + k]).abs().max().item<float>();
            Assert.True(diff < 1e-4f, $"step {k}: max |Δlogit| {diff}");
        }
        Assert.Equal(ids.Count, cache.NextPosition);   // every generated token was fed back
        Assert.Equal(ids.Count, cache[0].Length);
    }

    [Fact]
    public void KV_bytes_count_keys_and_values_of_every_layer()
    {
        using var model = TinyLlava.Create();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var cache = model.NewCache();
        model.Forward(model.EmbedPrompt([1, 2, 3, 4, 5], []).Embeds, cache);
        // 3 layers × (K + V) × 2 kv heads × 5 positions × 16 dims × 4 bytes
        Assert.Equal(3 * 2 * 2 * 5 * 16 * 4, cache.Bytes);
    }
}
