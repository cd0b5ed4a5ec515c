using Sieve.Runtime.Loading.Configs;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Reduction;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>HF <c>LlamaModel</c>: <c>embed_tokens</c>, <c>layers.N</c>, final <c>norm</c>.</summary>
public sealed class LlamaModel : nn.Module
{
    private readonly Embedding embed_tokens;
    private readonly TorchSharp.Modules.ModuleList<LlamaDecoderLayer> layers;
    private readonly RmsNorm norm;
    private readonly RotaryEmbedding _rope;

    public LlamaModel(LlamaConfig config, ScalarType dtype, Device device) : base(nameof(LlamaModel))
    {
        embed_tokens = new Embedding(config.VocabSize, config.HiddenSize, dtype, device);
        layers = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers)
            .Select(_ => new LlamaDecoderLayer(config, dtype, device)).ToArray());
        norm = new RmsNorm(config.HiddenSize, config.RmsNormEps, dtype, device);
        _rope = new RotaryEmbedding(config.HeadDim, config.RopeTheta);
        RegisterComponents();
    }

    public Embedding EmbedTokens => embed_tokens;
    public int LayerCount => layers.Count;
    public LlamaDecoderLayer Layer(int index) => layers[index];

    /// <summary>The final RMSNorm (DART measures duplication on states passed through it).</summary>
    public Tensor Norm(Tensor hidden) => norm.forward(hidden);

    /// <summary>RoPE cos/sin [1, 1, L, head_dim] for <paramref name="positions"/> (reducers that recompute attention).</summary>
    public (Tensor Cos, Tensor Sin) Rotary(Tensor positions, ScalarType dtype) => _rope.CosSin(positions, dtype);

    /// <summary>
    /// Runs the decoder over <paramref name="embeds"/> [1, L, D] at <paramref name="positions"/> [L], extending
    /// <paramref name="cache"/>. With a <paramref name="reducer"/> the rows are reduced on entry to its layer.
    /// Returns the final-normed hidden states of the rows that came out and, when reduced, which input rows those are.
    /// </summary>
    public (Tensor Hidden, Tensor? Kept) forward(Tensor embeds, Tensor positions, KvCache cache,
        IDecoderLayerReducer? reducer = null, IReadOnlyList<ImageSpan>? images = null)
    {
        using var scope = NewDisposeScope();
        if (reducer is not null && (reducer.Layer < 1 || reducer.Layer >= LayerCount))
            throw new ArgumentException($"a decoder reducer's layer must be in 1..{LayerCount - 1}, not {reducer.Layer}");
        var (cos, sin) = _rope.CosSin(positions, embeds.dtype);
        Tensor h = embeds, previous = embeds;
        Tensor? kept = null;
        for (int i = 0; i < LayerCount; i++)
        {
            if (reducer is not null && i == reducer.Layer)
            {
                kept = reducer.SelectKept(new DecoderReductionInput(h, previous, positions, images ?? [], cache, this));
                CheckKept(kept, h.shape[1]);
                h = h.index_select(1, kept);
                positions = positions.index_select(0, kept);
                (cos, sin) = _rope.CosSin(positions, embeds.dtype);
            }
            previous = h;
            h = layers[i].forward(h, positions, cos, sin, cache[i]);
        }
        return (norm.forward(h).MoveToOuterDisposeScope(), kept?.MoveToOuterDisposeScope());
    }

    private static void CheckKept(Tensor kept, long rows)
    {
        if (kept.dtype != ScalarType.Int64 || kept.dim() != 1 || kept.shape[0] == 0)
            throw new InvalidOperationException("a decoder reducer must return a non-empty 1-D int64 index tensor");
        if (kept.min().item<long>() < 0 || kept.max().item<long>() >= rows
            || (kept.shape[0] > 1 && (kept.narrow(0, 1, kept.shape[0] - 1) <= kept.narrow(0, 0, kept.shape[0] - 1)).any().item<bool>()))
            throw new InvalidOperationException($"a decoder reducer returned indices that are not strictly increasing within 0..{rows - 1}");
    }
}
