using Sieve.Runtime.Loading.Configs;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>HF <c>LlamaForCausalLM</c>: <c>model</c> and <c>lm_head</c> (absent when tied to the input embeddings).</summary>
public sealed class LlamaForCausalLM : nn.Module
{
    private readonly LlamaModel model;
    private readonly Linear? lm_head;

    public LlamaForCausalLM(LlamaConfig config, ScalarType dtype, Device device) : base(nameof(LlamaForCausalLM))
    {
        model = new LlamaModel(config, dtype, device);
        lm_head = config.TieWordEmbeddings ? null : new Linear(config.HiddenSize, config.VocabSize, false, dtype, device);
        RegisterComponents();
    }

    public LlamaModel Model => model;

    /// <summary>hidden [..., D] → logits [..., V] in the activation dtype.</summary>
    public Tensor Logits(Tensor hidden) =>
        lm_head?.forward(hidden) ?? nn.functional.linear(hidden, model.EmbedTokens.Weight);
}
