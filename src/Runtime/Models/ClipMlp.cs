using Sieve.Runtime.Loading.Configs;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>CLIP's feed-forward block: fc1 → activation (quick_gelu for CLIP) → fc2.</summary>
public sealed class ClipMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1, fc2;
    private readonly Func<Tensor, Tensor> _act;

    public ClipMlp(ClipVisionConfig config, ScalarType dtype, Device device) : base(nameof(ClipMlp))
    {
        fc1 = new Linear(config.HiddenSize, config.IntermediateSize, true, dtype, device);
        fc2 = new Linear(config.IntermediateSize, config.HiddenSize, true, dtype, device);
        _act = Activations.Get(config.HiddenAct, "vision_config.hidden_act");
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return fc2.forward(_act(fc1.forward(x))).MoveToOuterDisposeScope();
    }
}
