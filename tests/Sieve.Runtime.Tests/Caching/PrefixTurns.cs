using Sieve.Runtime.Caching;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Models;
using Sieve.Runtime.Reduction;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Caching;

/// <summary>Turns of a session on a tiny model, and what recomputation gives for the same prompt.</summary>
internal static class PrefixTurns
{
    /// <summary>Generates greedily from <paramref name="ids"/> with the cache, and returns the answer (the generator
    /// stores the sequence in the cache when it is disposed).</summary>
    public static List<long> Answer(LlavaModel model, PrefixCache cache, IReadOnlyList<long> ids, Tensor? pixels, int tokens = 4,
        IDecoderLayerReducer? reducer = null, string? key = null)
    {
        using var generator = new TokenGenerator(model, new SamplingOptions { MaxNewTokens = tokens })
        {
            PrefixCache = cache, DecoderReducer = reducer, ReductionKey = key,
        };
        var answer = new List<long> { generator.Prefill(ids, pixels) };
        while (!generator.Finished) answer.Add(generator.Next());
        return answer;
    }

    /// <summary>Float32 logits [L, V] of every row of the prompt, computed from scratch without reduction.</summary>
    public static Tensor Recompute(LlavaModel model, IReadOnlyList<long> ids, Tensor? pixels)
    {
        using var cache = model.NewCache();
        var (embeds, _) = model.EmbedPrompt(ids, pixels is null ? [] : model.EncodeImages(pixels));
        return model.Forward(embeds, cache, allRows: true).Logits;
    }

    /// <summary>Images whose pixels must not be needed: they lie inside the reused prefix.</summary>
    public static PromptImages NotEncoded(Tensor pixels) =>
        PromptImages.FromPixels(pixels) with { Pixels = _ => throw new Xunit.Sdk.XunitException("an image inside the reused prefix was encoded again") };

    public static double MaxDifference(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    /// <summary>Tensors alive on this thread (TorchSharp's own count), to show nothing leaked.</summary>
    public static long LiveTensors => TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;
}
