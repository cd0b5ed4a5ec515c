using System.Diagnostics;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Models;
using Sieve.Runtime.Reduction;
using static TorchSharp.torch;

namespace Sieve.Runtime.Caching;

/// <summary>What a prefill runs with: the prefix cache (null: none) and the reducers with their settings key.</summary>
/// <param name="ReductionKey">The reducers' canonical settings (what keys cached prefixes). Null means
/// <see cref="PrefixCache.NoReduction"/> when no reducer is set; with a reducer and no key the cache is not used,
/// since prefixes computed under unknown settings cannot be told apart.</param>
public sealed record PrefillSettings(
    PrefixCache? Cache = null, IVisionFeatureReducer? VisionReducer = null, IDecoderLayerReducer? DecoderReducer = null,
    string? ReductionKey = null)
{
    /// <summary>The key cached prefixes are stored and found under, or null when the cache cannot be used.</summary>
    public string? CacheKey => Cache is not { Enabled: true } ? null
        : ReductionKey ?? (VisionReducer is null && DecoderReducer is null ? PrefixCache.NoReduction : null);
}

/// <summary>One prompt's prefill, from a cached prefix when there is one. Logits cover the computed rows.</summary>
/// <param name="Cache">The sequence's KV cache, owned by the receiver.</param>
/// <param name="Sequence">The prompt as the prefix cache keys it; null when the cache is not used for it.</param>
/// <param name="FeatureCounts">Rows of each image (reused or encoded now).</param>
/// <param name="PrunedExtent">Rows [0, E) whose content chose the decoder reducer's kept rows; 0 when nothing was pruned.</param>
/// <param name="PromptTokens">Rows of the expanded prompt.</param>
/// <param name="ReusedTokens">Rows taken from the cache (the rest were computed).</param>
/// <param name="CacheConsulted">Whether a prefix cache was looked in (a hit or a miss).</param>
/// <param name="Kept">The decoder reducer's kept rows when it ran, else null.</param>
/// <param name="Reduction">The image positions that went past the reducers in this prefill; null when it continued a
/// cached prefix (the images were reduced, or not, by the prefill that first saw them).</param>
public sealed record PrefillOutcome(
    Tensor Logits, KvCache Cache, PrefixSequence? Sequence, IReadOnlyList<long> FeatureCounts, long PrunedExtent,
    long PromptTokens, long ReusedTokens, bool CacheConsulted, double VisionMs, Tensor? Kept, ReductionOutcome? Reduction);

/// <summary>
/// Prefill with prefix reuse: find the longest reusable cached prefix (<see cref="PrefixCache.Find"/>), encode only
/// the images after it, embed the prompt, and run the decoder over the rows after the prefix starting at its position.
/// The decoder reducer runs only in a prefill from position 0 (the cache rules guarantee a continuation never leaves
/// an image to compute when one is set), so a continued sequence keeps the pruning of the prefill that first saw the
/// images. Call inside no_grad and a dispose scope; the logits belong to it, the cache to the caller.
/// </summary>
public static class PrefixPrefill
{
    public static PrefillOutcome Run(LlavaModel model, IReadOnlyList<long> ids, PromptImages images, PrefillSettings settings, bool allRows = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(settings);
        var key = settings.CacheKey;
        var sequence = key is null ? null : PrefixSequence.FromPrompt(ids, model.ImageTokenId, images.Hashes);
        var reuse = sequence is null ? null : settings.Cache!.Find(sequence, key!, settings.DecoderReducer is not null);
        var cache = reuse?.Cache ?? model.NewCache();
        try
        {
            var clock = Stopwatch.StartNew();
            int reusedImages = reuse?.FeatureCounts.Count ?? 0;
            var encoded = images.Count > reusedImages
                ? model.EncodeImages(images.Pixels(Enumerable.Range(reusedImages, images.Count - reusedImages).ToArray()), settings.VisionReducer,
                    images.Sizes?.Skip(reusedImages).ToArray())
                : [];
            double visionMs = clock.Elapsed.TotalMilliseconds;
            // Images inside the reused prefix only need their row counts for the layout: zero rows stand in for their
            // features, and those rows are cut away below with the rest of the prefix.
            long width = model.Config.TextConfig.HiddenSize;
            var features = (reuse?.FeatureCounts ?? []).Select(n => zeros(new[] { n, width }, dtype: model.DType, device: model.Device)).Concat(encoded).ToArray();
            var (embeds, layout) = model.EmbedPrompt(ids, features);
            long start = reuse?.Position ?? 0, rows = layout.Ids.Length - start;
            if (start > 0)
                embeds = embeds.narrow(1, start, rows);
            var (logits, kept) = reuse is null
                ? model.Forward(embeds, cache, allRows, settings.DecoderReducer, layout.Images)
                : model.Forward(embeds, cache, allRows);
            long extent = reuse?.PrunedExtent ?? (kept is not null && kept.shape[0] < rows ? layout.Ids.Length : 0);
            return new PrefillOutcome(logits, cache, sequence, features.Select(f => f.shape[0]).ToArray(), extent,
                layout.Ids.Length, start, reuse is not null || sequence is not null, visionMs, kept,
                reuse is null ? ReductionOutcome.Of(layout, kept, 0) : null);
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }
}
