using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Sieve.Runtime.Caching;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Preprocessing;
using Sieve.Runtime.Reduction;
using static TorchSharp.torch;

namespace Sieve.Runtime.Serving;

/// <summary>
/// A loaded LLaVA model as a Microsoft.Extensions.AI <see cref="IChatClient"/>: messages rendered with
/// <see cref="LlavaChatTemplate"/> (text and <see cref="DataContent"/> images, which go through the checkpoint's
/// CLIP preprocessing), generated token by token, tool calls by <see cref="ToolPromptConvention"/> returned as
/// <see cref="FunctionCallContent"/> — so <c>FunctionInvokingChatClient</c> (and Semantic Kernel's
/// <c>UseKernelFunctionInvocation</c>) runs the tools. <see cref="ChatOptions"/> honoured: temperature (0 or unset
/// with a greedy generation_config: greedy), top-p, seed, max output tokens, stop sequences, tools and tool mode;
/// others (top-k, penalties, response format) are ignored. Usage counts the prompt's tokens as the model sees them
/// (each image as its features) and the generated tokens.
/// <para>Requests on one model run one at a time (<see cref="LocalChatModel.TakeTurnAsync"/>); cancellation gives
/// up a queued place or stops the decode loop between tokens. Each tensor step runs whole on one thread
/// (TorchSharp's dispose scopes are per thread); nothing tensor-valued crosses an await except the KV cache, which
/// its generator owns. Disposing the client leaves the shared model loaded.</para>
/// <para>Prefill goes through the model's <see cref="LocalChatModel.PrefixCache"/>: a conversation sent again with a
/// new turn computes only the rows after the longest cached prefix (images keyed by their file bytes' hash, so an
/// image inside that prefix is neither preprocessed nor encoded again), and the turn's sequence is stored for the
/// next one. Usage reports the reused prompt tokens as <see cref="UsageDetails.CachedInputTokenCount"/>.</para>
/// </summary>
public sealed class LocalChatClient : IChatClient
{
    private readonly LocalChatModel _model;

    public LocalChatClient(LocalChatModel model)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        Metadata = new ChatClientMetadata("sieve-local", null, model.Name);
    }

    public ChatClientMetadata Metadata { get; }

    public LocalChatModel Model => _model;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    /// <exception cref="ArgumentException">Invalid options (named), or a prompt the model cannot take.</exception>
    /// <exception cref="NotSupportedException">Content the model cannot read (an image URL, audio, a non-function tool).</exception>
    /// <exception cref="Preprocessing.ImageInputException">An image that cannot be decoded.</exception>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Everything that can fail on bad input fails here, before the request queues for the model.
        var prompt = LlavaChatTemplate.Render(messages, options);
        var sampling = Sampling(options);
        var reduction = Reduction(options);
        var reducers = reduction.Build();
        var images = prompt.Images.Select((d, i) => ImageDecoding.Decode(d.Data.ToArray(), d.Name ?? $"image {i + 1}")).ToList();
        var ids = Encode(prompt, images);
        var responseId = "local-" + Guid.NewGuid().ToString("N");
        var stream = new AnswerStream(options?.StopSequences, prompt.ToolsOffered);
        var detokenizer = _model.Tokenizer.CreateStreamingDecoder();
        int generated = 0;
        GenerationTimings timings;
        bool endedByStopToken;

        using (await _model.TakeTurnAsync(cancellationToken).ConfigureAwait(false))
        using (var generator = new TokenGenerator(_model.Model, sampling)
        {
            PrefixCache = _model.PrefixCache,
            VisionReducer = reducers.Vision,
            DecoderReducer = reducers.Decoder,
            // Cached prefixes are keyed by the reduction that computed them (see PrefixCache on when reuse is sound).
            ReductionKey = reduction.ToString(),
        })
        {
            long token = await Task.Run(() => Prefill(generator, ids, prompt.Images, images), cancellationToken).ConfigureAwait(false);
            while (true)
            {
                generated++;
                var shown = stream.Push(detokenizer.Push((int)token));
                if (shown.Length > 0)
                    yield return Update(responseId, new TextContent(shown));
                if (generator.Finished || stream.Stopped)
                    break;
                cancellationToken.ThrowIfCancellationRequested();
                token = await Task.Run(generator.Next, cancellationToken).ConfigureAwait(false);
            }
            endedByStopToken = sampling.StopTokenIds.Contains(token);
            timings = generator.Timings;
        }
        RuntimeMetrics.Turn(_model.Name, timings);

        if (!stream.Stopped && stream.Push(detokenizer.Flush()) is { Length: > 0 } tail)
            yield return Update(responseId, new TextContent(tail));
        bool calls = false;
        foreach (var part in stream.Finish())
        {
            if (part.Call is { } call)
            {
                calls = true;
                yield return Update(responseId, new FunctionCallContent("call_" + Guid.NewGuid().ToString("N")[..12], call.Name,
                    call.Arguments.ToDictionary(a => a.Key, a => a.Value)));
            }
            else if (part.Text is { Length: > 0 } text)
                yield return Update(responseId, new TextContent(text));
        }
        var usage = new UsageDetails
        {
            InputTokenCount = timings.PrefillTokens,
            CachedInputTokenCount = timings.PrefixCacheConsulted ? timings.ReusedTokens : null,
            OutputTokenCount = generated,
            TotalTokenCount = timings.PrefillTokens + generated,
        };
        if (timings.Reduction is { } kept)
        {
            usage.AdditionalCounts = new AdditionalPropertiesDictionary<long>
            {
                [ImageTokensCount] = kept.ImageTokens,
                [ImageTokensKeptCount] = kept.KeptImageTokens,
            };
        }
        var finish = calls ? ChatFinishReason.ToolCalls
            : stream.Stopped || endedByStopToken ? ChatFinishReason.Stop
            : ChatFinishReason.Length;
        var last = Update(responseId, new UsageContent(usage));
        last.FinishReason = finish;
        yield return last;
    }

    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key by which a request names its vision-token
    /// reduction (a spec as <c>--reduce</c> takes, e.g. <c>dart:128</c> or <c>none</c>); without it the model's
    /// <c>Runtime:Reduction</c> applies.</summary>
    public const string ReduceOption = "reduce";

    /// <summary>Usage counts added when a reduction ran: image rows in the prompt, and those that went past it.</summary>
    public const string ImageTokensCount = "image_tokens", ImageTokensKeptCount = "image_tokens_kept";

    /// <exception cref="ReductionSpecException">The request's spec cannot be used (named).</exception>
    private ReductionSpec Reduction(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(ReduceOption, out var value) == true && value is not null
            ? ReductionSpec.Parse(value.ToString() ?? "")
            : _model.Reduction;

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? Metadata
        : serviceType == typeof(LocalChatModel) ? _model
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <summary>Nothing to free: the model belongs to its <see cref="LocalModelHost"/> (or whoever built it).</summary>
    public void Dispose()
    {
    }

    /// <summary>The generation settings a request asks for, with generation_config.json's defaults beneath.</summary>
    /// <exception cref="ArgumentException">A value out of range, naming the option.</exception>
    public SamplingOptions Sampling(ChatOptions? options)
    {
        var temperature = options?.Temperature is { } t ? t : _model.SampleByDefault ? _model.Temperature : 0;
        var sampling = new SamplingOptions
        {
            MaxNewTokens = options?.MaxOutputTokens ?? _model.MaxOutputTokens,
            Greedy = temperature == 0,
            Temperature = temperature,
            TopP = options?.TopP ?? _model.TopP,
            Seed = options?.Seed is { } seed ? unchecked((ulong)seed) : (ulong)Random.Shared.NextInt64(),
            StopTokenIds = _model.StopTokenIds,
        };
        var problems = sampling.Validate().ToList();
        if (temperature < 0)
            problems.Add($"temperature is {temperature}; expected >= 0 (0 is greedy)");
        if (options?.TopP is { } p && !(p > 0 && p <= 1) && sampling.Greedy)
            problems.Add($"top-p is {p}; expected 0 < p <= 1");
        if (problems.Count > 0)
            throw new ArgumentException("chat options: " + string.Join("; ", problems.Distinct()));
        return sampling;
    }

    /// <summary>Prompt token ids (BOS as the tokenizer's files say), checked against the images and context length.</summary>
    private long[] Encode(RenderedPrompt prompt, IReadOnlyList<RgbImage> images)
    {
        if (prompt.Images.Count > 0 && _model.Tokenizer.ImageTokenId is null)
            throw new NotSupportedException("this model's tokenizer has no <image> token, so it cannot take images");
        var ids = _model.Tokenizer.Encode(prompt.Text).Select(i => (long)i).ToArray();
        var features = images.Sum(ImageFeatureCount);
        var length = ids.Length - prompt.Images.Count + features;
        var context = _model.Model.Config.TextConfig.MaxPositionEmbeddings;
        if (length > context)
            throw new ArgumentException($"the prompt is {length} tokens (images counted as their features); the model's context is {context}");
        return ids;
    }

    /// <summary>Rows the image takes in the prompt before any reduction (LLaVA-NeXT: its AnyRes packed length).</summary>
    private long ImageFeatureCount(RgbImage image)
    {
        if (_model.Model.Config.IsNext)
            return _model.Model.AnyResLayoutFor((image.Height, image.Width)).PackedLength;
        var v = _model.Model.Config.VisionConfig;
        var patches = (long)(v.ImageSize / v.PatchSize) * (v.ImageSize / v.PatchSize);
        return _model.Model.Config.VisionFeatureSelectStrategy == "default" ? patches : patches + 1;
    }

    /// <summary>Prefills on the calling thread inside one dispose scope. Images are keyed by their file bytes' hash
    /// and preprocessed only when they lie after the reused prefix (see <see cref="PromptImages.FileHash"/>).</summary>
    private long Prefill(TokenGenerator generator, long[] ids, IReadOnlyList<DataContent> sources, IReadOnlyList<RgbImage> images)
    {
        using var scope = NewDisposeScope();
        if (images.Count == 0)
            return generator.Prefill(ids, PromptImages.None);
        var hashes = sources.Select(d => PromptImages.FileHash(d.Data.Span)).ToArray();
        // LLaVA-NeXT tiles each image by its AnyRes grid and needs the original sizes to unpad; LLaVA-1.5 does not.
        var prompt = _model.NextImages is { } anyRes
            ? new PromptImages(hashes, indices => anyRes.PreprocessBatch(indices.Select(i => images[i]).ToArray()).Pixels,
                images.Select(i => (i.Height, i.Width)).ToArray())
            : new PromptImages(hashes, indices => _model.Images.PreprocessBatch(indices.Select(i => images[i]).ToArray()));
        return generator.Prefill(ids, prompt);
    }

    private ChatResponseUpdate Update(string responseId, AIContent content) => new(ChatRole.Assistant, [content])
    {
        ResponseId = responseId,
        MessageId = responseId,
        ModelId = _model.Name,
        CreatedAt = DateTimeOffset.UtcNow,
    };
}
