using Sieve.Runtime.Caching;
using Sieve.Runtime.Loading;
using Sieve.Runtime.Models;
using Sieve.Runtime.Preprocessing;
using Sieve.Runtime.Tokenization;

namespace Sieve.Runtime.Serving;

/// <summary>
/// One loaded LLaVA model with what a chat needs beside it (tokenizer, image processor, stop tokens, generation
/// defaults) and the queue that lets one request at a time use it. Shared by every <see cref="LocalChatClient"/>
/// over the same folder (see <see cref="LocalModelHost"/>); requests wait their turn in arrival order and may be
/// cancelled while they wait.
/// </summary>
public sealed class LocalChatModel : IDisposable
{
    /// <summary>Answer length when neither the request nor generation_config.json sets one.</summary>
    public const int DefaultMaxOutputTokens = 512;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _waiting;

    /// <summary>Wraps a model and tokenizer built in code (tests); <see cref="Load"/> reads them from a folder.</summary>
    /// <param name="prefixCache">The KV prefix cache's settings (default: <see cref="PrefixCacheOptions.DefaultMaxBytes"/>).</param>
    /// <param name="reduction">The vision-token reduction requests get unless they name one (default: none).</param>
    /// <exception cref="ArgumentException">The tokenizer does not fit the model (image token, vocabulary).</exception>
    public LocalChatModel(LlavaModel model, LlavaTokenizer tokenizer, string name, Loading.Configs.PreprocessorConfig? preprocessor = null,
        PrefixCacheOptions? prefixCache = null, Reduction.ReductionSpec? reduction = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (tokenizer.ImageTokenId is { } image && image != model.ImageTokenId)
            throw new ArgumentException(
                $"the tokenizer's <image> is id {image} but config.json's image_token_index is {model.ImageTokenId}");
        // The prompt is always LLaVA-1.5's (LlavaChatTemplate); a folder whose own template is another format
        // (e.g. a Mistral or ChatML LLaVA-NeXT) would be prompted wrongly, so say so instead.
        if (tokenizer.Files.ChatTemplate is { } template && !template.Contains(LlavaChatTemplate.GenerationPrompt, StringComparison.Ordinal))
            throw new NotSupportedException(
                $"the folder's chat_template does not use LLaVA-1.5's USER:/{LlavaChatTemplate.GenerationPrompt} format, the only one this runtime renders");
        var vocab = model.Config.TextConfig.VocabSize;
        if (tokenizer.SentencePieceVocabSize > vocab)
            throw new ArgumentException(
                $"tokenizer.model has {tokenizer.SentencePieceVocabSize} pieces but the model's vocab_size is {vocab}");
        Model = model;
        Tokenizer = tokenizer;
        Name = name;
        var size = model.Config.VisionConfig.ImageSize;
        Images = new ClipImageProcessor(preprocessor ?? model.Folder?.Preprocessor
            ?? new Loading.Configs.PreprocessorConfig { ShortestEdge = size, CropHeight = size, CropWidth = size });
        if (model.Config.IsNext)
            NextImages = new LlavaNextImageProcessor(Images.Config, model.Config.ImageGridPinpoints);
        var generation = model.Folder?.Generation;
        StopTokenIds = (generation?.EosTokenIds ?? model.Config.TextConfig.EosTokenIds)
            .Select(i => (long)i).Append(tokenizer.EosId).ToHashSet();
        MaxOutputTokens = generation?.MaxNewTokens ?? DefaultMaxOutputTokens;
        SampleByDefault = generation?.DoSample ?? false;
        Temperature = generation?.Temperature ?? 1.0;
        TopP = generation?.TopP ?? 1.0;
        PrefixCache = new PrefixCache((prefixCache ?? new()).MaxBytes, name);
        Reduction = reduction ?? Sieve.Runtime.Reduction.ReductionSpec.None;
    }

    /// <summary>Loads a HuggingFace LLaVA folder (weights, tokenizer.model and its JSON files, processor and
    /// generation configs) onto the options' device and dtype.</summary>
    /// <exception cref="CheckpointException">The folder, a config, the tokenizer or a tensor is missing or invalid.</exception>
    /// <exception cref="NotSupportedException">An architecture or setting this runtime does not run.</exception>
    /// <exception cref="ArgumentException">Invalid runtime options; a tokenizer that does not fit the model.</exception>
    public static LocalChatModel Load(string folder, RuntimeOptions options)
    {
        var model = LlavaModel.Load(folder, options);
        try
        {
            var tokenizer = LlavaTokenizer.Load(model.Folder!.Path);
            return new LocalChatModel(model, tokenizer, Path.GetFileName(model.Folder.Path.TrimEnd(Path.DirectorySeparatorChar)),
                prefixCache: options.PrefixCache, reduction: (options.Reduction ?? new()).ToSpec());
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public LlavaModel Model { get; }
    public LlavaTokenizer Tokenizer { get; }
    public ClipImageProcessor Images { get; }

    /// <summary>LLaVA-NeXT's AnyRes tiling (null for LLaVA-1.5), which the client uses instead of <see cref="Images"/>.</summary>
    public LlavaNextImageProcessor? NextImages { get; }

    /// <summary>The model's name as clients report it (the folder's name).</summary>
    public string Name { get; }

    /// <summary>End-of-sequence ids (generation_config.json's, and the tokenizer's EOS).</summary>
    public IReadOnlySet<long> StopTokenIds { get; }

    /// <summary>Generation defaults from generation_config.json, used where a request leaves them unset.</summary>
    public int MaxOutputTokens { get; }
    public bool SampleByDefault { get; }
    public double Temperature { get; }
    public double TopP { get; }

    /// <summary>
    /// The KV caches of conversations this model computed, shared by all its clients. Keyed by content (tokens, image
    /// hashes, reducer settings), not by a session id: a chat client receives the whole conversation each request,
    /// so the next request of a conversation extends the previous one's sequence and finds it without being told.
    /// </summary>
    public PrefixCache PrefixCache { get; }

    /// <summary>The default vision-token reduction (<c>Runtime:Reduction</c>); a request may name another through
    /// <see cref="LocalChatClient.ReduceOption"/>.</summary>
    public Reduction.ReductionSpec Reduction { get; }

    /// <summary>Requests waiting for their turn (not counting the one running).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits for this model's turn; dispose the result to give it back. Cancelling gives up the place in the queue.</summary>
    public async Task<IDisposable> TakeTurnAsync(CancellationToken cancel)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _turn.WaitAsync(cancel).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        return new Turn(_turn);
    }

    public void Dispose()
    {
        PrefixCache.Dispose();
        Model.Dispose();
        _turn.Dispose();
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }
}
