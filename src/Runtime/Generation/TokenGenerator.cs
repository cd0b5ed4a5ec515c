using System.Diagnostics;
using Sieve.Runtime.Caching;
using Sieve.Runtime.Models;
using Sieve.Runtime.Reduction;
using static TorchSharp.torch;

namespace Sieve.Runtime.Generation;

/// <summary>
/// One sequence's generation state: its KV cache, sampler and timings. Each call does its tensor work synchronously
/// inside its own no_grad and dispose scope and returns plain values, so callers may await between calls (dispose
/// scopes are per thread; the cache's tensors are owned by the cache, not by a scope).
/// <para>With a <see cref="PrefixCache"/>, prefill starts from the longest reusable cached prefix of the prompt
/// (<see cref="PrefixPrefill"/>), and <see cref="Dispose"/> stores the sequence computed (prompt and fed answer
/// tokens) there for the next turn — unless a step failed midway, leaving the cache half-written.</para>
/// </summary>
public sealed class TokenGenerator : IDisposable
{
    private readonly LlavaModel _model;
    private readonly SamplingOptions _options;
    private readonly TokenSampler _sampler;
    private KvCache? _cache;
    private PrefillOutcome? _prefill;
    private readonly List<long> _fed = [];
    private bool _stepFailed;
    private double _prefillMs, _decodeMs;
    private int _decodeSteps, _generated;
    private long? _last;

    public TokenGenerator(LlavaModel model, SamplingOptions options)
    {
        if (options.Validate() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join("; ", problems));
        _model = model;
        _options = options;
        _sampler = new TokenSampler(options);
    }

    /// <summary>The reducers applied during prefill (none by default).</summary>
    public IVisionFeatureReducer? VisionReducer { get; init; }
    public IDecoderLayerReducer? DecoderReducer { get; init; }

    /// <summary>Where computed prefixes are found and stored (none by default).</summary>
    public PrefixCache? PrefixCache { get; init; }

    /// <summary>The reducers' canonical settings, keying cached prefixes (see <see cref="PrefillSettings.ReductionKey"/>).</summary>
    public string? ReductionKey { get; init; }

    private PrefillSettings Settings => new(PrefixCache, VisionReducer, DecoderReducer, ReductionKey);

    /// <summary>True once a stop token was emitted or the token budget is spent.</summary>
    public bool Finished { get; private set; }

    public GenerationTimings Timings =>
        new(_prefill?.VisionMs ?? 0, (int)(_prefill?.PromptTokens ?? 0), _prefillMs, _decodeSteps, _decodeMs, _cache?.Bytes ?? 0)
        {
            ReusedTokens = (int)(_prefill?.ReusedTokens ?? 0),
            PrefixCacheConsulted = _prefill?.CacheConsulted ?? false,
            Reduction = VisionReducer is null && DecoderReducer is null ? null : Kept,
        };

    /// <summary>After <see cref="Prefill(IReadOnlyList{long}, PromptImages)"/>: the image positions that went past the
    /// reducers (all, without any); null when the prompt continued a cached prefix, whose pruning happened earlier.</summary>
    public ReductionOutcome? Kept => _prefill?.Reduction;

    /// <summary>Encodes the images, prefills the prompt and returns the first generated token.</summary>
    /// <param name="ids">Prompt token ids; the model's image token id marks each image (see <see cref="PromptLayout"/>).</param>
    /// <param name="pixels">[images, 3, H, W] preprocessed pixel values, or null for a text-only prompt
    /// (LLaVA-NeXT: [images, tiles, 3, H, W] with <paramref name="imageSizes"/>).</param>
    /// <param name="imageSizes">LLaVA-NeXT only: each image's original (height, width).</param>
    public long Prefill(IReadOnlyList<long> ids, Tensor? pixels, IReadOnlyList<(int Height, int Width)>? imageSizes = null) =>
        Prefill(ids, PromptImages.FromPixels(pixels, imageSizes));

    /// <summary>As <see cref="Prefill(IReadOnlyList{long}, Tensor?, IReadOnlyList{ValueTuple{int, int}}?)"/>, with images that are preprocessed only when
    /// they are not inside a reused prefix.</summary>
    public long Prefill(IReadOnlyList<long> ids, PromptImages images)
    {
        if (_prefill is not null || _stepFailed) throw new InvalidOperationException("Prefill was already called for this sequence");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        _stepFailed = true;
        var outcome = PrefixPrefill.Run(_model, ids, images, Settings);
        _cache = outcome.Cache;
        _prefill = outcome;
        var token = Emit(_sampler.Next(outcome.Logits[0]));
        _stepFailed = false;
        _prefillMs = clock.Elapsed.TotalMilliseconds - outcome.VisionMs;
        return token;
    }

    /// <summary>Feeds the last token and returns the next one. Call only while not <see cref="Finished"/>.</summary>
    public long Next()
    {
        if (_last is not { } last || _cache is null) throw new InvalidOperationException("call Prefill first");
        if (Finished) throw new InvalidOperationException("generation has finished");
        if (_stepFailed) throw new InvalidOperationException("a previous step failed; the sequence cannot go on");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        _stepFailed = true;
        var embeds = _model.LanguageModel.Model.EmbedTokens.forward(tensor(new[] { last }, device: _model.Device)).unsqueeze(0);
        var (logits, _) = _model.Forward(embeds, _cache);
        _fed.Add(last);
        _stepFailed = false;
        var token = Emit(_sampler.Next(logits[0]));
        _decodeMs += clock.Elapsed.TotalMilliseconds;
        _decodeSteps++;
        return token;
    }

    private long Emit(long token)
    {
        _last = token;
        _generated++;
        Finished = _options.StopTokenIds.Contains(token) || _generated >= _options.MaxNewTokens;
        return token;
    }

    /// <summary>Gives the sequence's KV cache to <see cref="PrefixCache"/> (prompt and fed tokens, whole steps
    /// only), or frees it.</summary>
    public void Dispose()
    {
        var cache = _cache;
        _cache = null;
        if (cache is not null && !_stepFailed && PrefixCache is { } prefixes && _prefill is { Sequence: { } sequence } prefill)
            prefixes.Store(sequence.Extend(_fed), prefill.FeatureCounts, Settings.CacheKey!, prefill.PrunedExtent, cache);
        else
            cache?.Dispose();
        _sampler.Dispose();
    }
}
