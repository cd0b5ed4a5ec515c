using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>LayerNorm over the last dimension with checkpoint names <c>weight</c> and <c>bias</c> (CLIP).</summary>
public sealed class LayerNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly double _eps;

    public LayerNorm(long size, double eps, ScalarType dtype, Device device) : base(nameof(LayerNorm))
    {
        weight = new Parameter(empty([size], dtype, device), requires_grad: false);
        bias = new Parameter(empty([size], dtype, device), requires_grad: false);
        _eps = eps;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => nn.functional.layer_norm(input, [weight.shape[0]], weight, bias, _eps);
}
