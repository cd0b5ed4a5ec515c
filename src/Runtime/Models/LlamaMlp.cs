using Sieve.Runtime.Loading.Configs;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>SwiGLU: down(act(gate(x)) · up(x)), act = silu for Llama.</summary>
public sealed class LlamaMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear gate_proj, up_proj, down_proj;
    private readonly Func<Tensor, Tensor> _act;

    public LlamaMlp(LlamaConfig config, ScalarType dtype, Device device) : base(nameof(LlamaMlp))
    {
        gate_proj = new Linear(config.HiddenSize, config.IntermediateSize, config.MlpBias, dtype, device);
        up_proj = new Linear(config.HiddenSize, config.IntermediateSize, config.MlpBias, dtype, device);
        down_proj = new Linear(config.IntermediateSize, config.HiddenSize, config.MlpBias, dtype, device);
        _act = Activations.Get(config.HiddenAct, "text_config.hidden_act");
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return down_proj.forward(_act(gate_proj.forward(x)) * up_proj.forward(x)).MoveToOuterDisposeScope();
    }
}
