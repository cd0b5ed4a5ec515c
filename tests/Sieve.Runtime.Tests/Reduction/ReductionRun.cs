using Sieve.Runtime.Generation;
using TorchSharp;
using Sieve.Runtime.Models;
using Sieve.Runtime.Reduction;
using Sieve.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Reduction;

/// <summary>One prefill of the tiny model with given reducers, the way <see cref="TokenGenerator"/> runs it, with the
/// cache kept for inspection and for feeding further tokens.</summary>
internal sealed class ReductionRun : IDisposable
{
    /// <summary>2 text rows, 16 image rows (4×4 grid, rows 2..17), 7 text rows after.</summary>
    public static readonly long[] Prompt = [1, 17, TinyLlava.ImageToken, 23, 42, 5, 9, 31, 2, 64];

    public const long ImageStart = 2;

    private readonly DisposeScope _scope;

    public ReductionRun(LlavaModel model, Reducers reducers, int images = 1, long[]? prompt = null)
    {
        using var noGrad = no_grad();
        _scope = NewDisposeScope();
        Model = model;
        Cache = model.NewCache();
        try
        {
            var (embeds, layout) = model.EmbedPrompt(prompt ?? Prompt, model.EncodeImages(TinyLlava.Pixels(images), reducers.Vision));
            Layout = layout;
            (Logits, Kept) = model.Forward(embeds, Cache, allRows: true, reducers.Decoder, layout.Images);
            Outcome = ReductionOutcome.Of(layout, Kept, 0);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public LlavaModel Model { get; }
    public KvCache Cache { get; }
    public PromptLayout Layout { get; }
    public long FullLength => Layout.Ids.Length;
    /// <summary>[rows that came out, V].</summary>
    public Tensor Logits { get; }
    public Tensor? Kept { get; }
    public ReductionOutcome Outcome { get; }

    public long[] KeptRows => Kept?.data<long>().ToArray() ?? Enumerable.Range(0, (int)FullLength).Select(i => (long)i).ToArray();

    /// <summary>Feeds one token and returns its logits.</summary>
    public float[] Feed(long token)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var embeds = Model.LanguageModel.Model.EmbedTokens.forward(tensor(new[] { token })).unsqueeze(0);
        return Model.Forward(embeds, Cache).Logits[0].data<float>().ToArray();
    }

    public void Dispose()
    {
        Cache.Dispose();
        _scope.Dispose();
    }
}
