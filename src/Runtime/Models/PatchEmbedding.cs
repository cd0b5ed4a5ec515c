using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>CLIP's patch embedding: a bias-free convolution with kernel = stride = patch size (name <c>weight</c>).</summary>
public sealed class PatchEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly long _patch;

    public PatchEmbedding(long channels, long hidden, long patch, ScalarType dtype, Device device) : base(nameof(PatchEmbedding))
    {
        weight = new Parameter(empty([hidden, channels, patch, patch], dtype, device), requires_grad: false);
        _patch = patch;
        RegisterComponents();
    }

    public override Tensor forward(Tensor pixels) => nn.functional.conv2d(pixels, weight, strides: [_patch, _patch]);
}
