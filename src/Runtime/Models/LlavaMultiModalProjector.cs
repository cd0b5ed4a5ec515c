using Sieve.Runtime.Loading.Configs;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>LLaVA's projector from vision features to the LLM's embedding space: linear_1 → GELU → linear_2.</summary>
public sealed class LlavaMultiModalProjector : nn.Module<Tensor, Tensor>
{
    private readonly Linear linear_1, linear_2;
    private readonly Func<Tensor, Tensor> _act;

    public LlavaMultiModalProjector(LlavaConfig config, ScalarType dtype, Device device) : base(nameof(LlavaMultiModalProjector))
    {
        long input = (long)config.VisionConfig.HiddenSize * config.VisionFeatureLayers.Count;
        linear_1 = new Linear(input, config.TextConfig.HiddenSize, config.MultimodalProjectorBias, dtype, device);
        linear_2 = new Linear(config.TextConfig.HiddenSize, config.TextConfig.HiddenSize, config.MultimodalProjectorBias, dtype, device);
        _act = Activations.Get(config.ProjectorHiddenAct, "projector_hidden_act");
        RegisterComponents();
    }

    public override Tensor forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        return linear_2.forward(_act(linear_1.forward(features))).MoveToOuterDisposeScope();
    }
}
