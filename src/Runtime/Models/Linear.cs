using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>
/// y = x·Wᵀ + b with checkpoint names <c>weight</c> [out, in] and <c>bias</c> [out]. Parameters are allocated
/// uninitialised (torch.empty): the checkpoint overwrites them, so random initialisation would only cost time.
/// </summary>
public sealed class Linear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter? bias;

    public Linear(long inFeatures, long outFeatures, bool hasBias, ScalarType dtype, Device device) : base(nameof(Linear))
    {
        weight = new Parameter(empty([outFeatures, inFeatures], dtype, device), requires_grad: false);
        bias = hasBias ? new Parameter(empty([outFeatures], dtype, device), requires_grad: false) : null;
        RegisterComponents();
    }

    public Tensor Weight => weight;

    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);
}
