using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>A lookup table with the checkpoint name <c>weight</c> [count, dim].</summary>
public sealed class Embedding : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;

    public Embedding(long count, long dim, ScalarType dtype, Device device) : base(nameof(Embedding))
    {
        weight = new Parameter(empty([count, dim], dtype, device), requires_grad: false);
        RegisterComponents();
    }

    public Tensor Weight => weight;

    public long Count => weight.shape[0];

    public override Tensor forward(Tensor ids) => weight.index_select(0, ids.flatten()).reshape([.. ids.shape, weight.shape[1]]);
}
