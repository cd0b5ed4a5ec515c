using Sieve.Runtime.Loading.Configs;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>
/// HF <c>CLIPVisionTransformer</c>: embeddings → <c>pre_layrnorm</c> (sic, HF's spelling) → encoder layers.
/// <c>post_layernorm</c> is in every checkpoint but LLaVA never uses it (it reads hidden states, not the pooled output).
/// </summary>
public sealed class ClipVisionTransformer : nn.Module
{
    private readonly ClipVisionEmbeddings embeddings;
    private readonly LayerNorm pre_layrnorm;
    private readonly ClipEncoder encoder;
    private readonly LayerNorm post_layernorm;

    public ClipVisionTransformer(ClipVisionConfig config, ScalarType dtype, Device device) : base(nameof(ClipVisionTransformer))
    {
        embeddings = new ClipVisionEmbeddings(config, dtype, device);
        pre_layrnorm = new LayerNorm(config.HiddenSize, config.LayerNormEps, dtype, device);
        encoder = new ClipEncoder(config, dtype, device);
        post_layernorm = new LayerNorm(config.HiddenSize, config.LayerNormEps, dtype, device);
        RegisterComponents();
    }

    public int LayerCount => encoder.Count;

    /// <summary>
    /// HF's <c>hidden_states</c> tuple, computed only as far as needed: index 0 is the embeddings after
    /// pre_layrnorm, index i the output of encoder layer i; negative indices count from the end (−1 = last layer).
    /// Returns the requested entries in the order asked.
    /// </summary>
    public IReadOnlyList<Tensor> HiddenStates(Tensor pixels, IReadOnlyList<int> indices)
    {
        var wanted = indices.Select(i => i < 0 ? LayerCount + 1 + i : i).ToArray();
        if (wanted.Any(i => i < 0 || i > LayerCount))
            throw new NotSupportedException(
                $"vision_feature_layer [{string.Join(", ", indices)}] is outside the vision tower's {LayerCount + 1} hidden states");
        var found = new Tensor?[wanted.Length];
        var last = wanted.Max();
        using var scope = NewDisposeScope();
        var h = pre_layrnorm.forward(embeddings.forward(pixels));
        for (int layer = 0; ; layer++)
        {
            for (int k = 0; k < wanted.Length; k++)
                if (wanted[k] == layer) found[k] = h;
            if (layer == last) break;
            h = encoder[layer].forward(h);
        }
        return found.Select(t => t!.MoveToOuterDisposeScope()).ToArray();
    }

    /// <summary>
    /// The last encoder layer's class-token attention scores [B, patches] (pre-softmax, mean over heads) given that
    /// layer's input, hidden state <c>LayerCount − 1</c> (= index −2, LLaVA's feature layer).
    /// </summary>
    public Tensor LastLayerClassTokenScores(Tensor lastLayerInput) => encoder[LayerCount - 1].ClassTokenScores(lastLayerInput);
}
