using System.Diagnostics;
using Sieve.Runtime.Models;
using Sieve.Runtime.Reduction;
using static TorchSharp.torch;

namespace Sieve.Runtime.Generation;

/// <summary>
/// One sequence's generation state: its KV cache, sampler and timings. Each call does its tensor work synchronously
/// inside its own no_grad and dispose scope and returns plain values, so callers may await between calls (dispose
/// scopes are per thread; the cache's tensors are owned by the cache, not by a scope).
/// </summary>
public sealed class TokenGenerator : IDisposable
{
    private readonly LlavaModel _model;
    private readonly SamplingOptions _options;
    private readonly TokenSampler _sampler;
    private readonly KvCache _cache;
    private double _visionMs, _prefillMs, _decodeMs;
    private int _prefillTokens, _decodeSteps, _generated;
    private long? _last;
    private ReductionOutcome? _kept;

    public TokenGenerator(LlavaModel model, SamplingOptions options)
    {
        if (options.Validate() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join("; ", problems));
        _model = model;
        _options = options;
        _sampler = new TokenSampler(options);
        _cache = model.NewCache();
    }

    /// <summary>The reducers applied during prefill (none by default).</summary>
    public IVisionFeatureReducer? VisionReducer { get; init; }
    public IDecoderLayerReducer? DecoderReducer { get; init; }

    /// <summary>True once a stop token was emitted or the token budget is spent.</summary>
    public bool Finished { get; private set; }

    public GenerationTimings Timings =>
        new(_visionMs, _prefillTokens, _prefillMs, _decodeSteps, _decodeMs, _cache.Bytes)
        {
            Reduction = VisionReducer is null && DecoderReducer is null ? null : _kept,
        };

    /// <summary>After <see cref="Prefill"/>: the image positions that went past the reducers (all, without any).</summary>
    public ReductionOutcome? Kept => _kept;

    /// <summary>Encodes the images, prefills the prompt and returns the first generated token.</summary>
    /// <param name="ids">Prompt token ids; the model's image token id marks each image (see <see cref="PromptLayout"/>).</param>
    /// <param name="pixels">[images, 3, H, W] preprocessed pixel values, or null for a text-only prompt
    /// (LLaVA-NeXT: [images, tiles, 3, H, W] with <paramref name="imageSizes"/>).</param>
    /// <param name="imageSizes">LLaVA-NeXT only: each image's original (height, width).</param>
    public long Prefill(IReadOnlyList<long> ids, Tensor? pixels, IReadOnlyList<(int Height, int Width)>? imageSizes = null)
    {
        if (_last is not null) throw new InvalidOperationException("Prefill was already called for this sequence");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        IReadOnlyList<Tensor> features = pixels is null ? [] : _model.EncodeImages(pixels, VisionReducer, imageSizes);
        _visionMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var (embeds, layout) = _model.EmbedPrompt(ids, features);
        long firstPosition = _cache.NextPosition;
        var (logits, kept) = _model.Forward(embeds, _cache, allRows: false, DecoderReducer, layout.Images);
        _kept = ReductionOutcome.Of(layout, kept, firstPosition);
        var token = Emit(_sampler.Next(logits[0]));
        _prefillMs = clock.Elapsed.TotalMilliseconds;
        _prefillTokens = layout.Ids.Length;
        return token;
    }

    /// <summary>Feeds the last token and returns the next one. Call only while not <see cref="Finished"/>.</summary>
    public long Next()
    {
        if (_last is not { } last) throw new InvalidOperationException("call Prefill first");
        if (Finished) throw new InvalidOperationException("generation has finished");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        var embeds = _model.LanguageModel.Model.EmbedTokens.forward(tensor(new[] { last }, device: _model.Device)).unsqueeze(0);
        var (logits, _) = _model.Forward(embeds, _cache);
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

    public void Dispose()
    {
        _cache.Dispose();
        _sampler.Dispose();
    }
}
