using Sieve.Runtime.Loading.Configs;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>The stack of CLIP encoder layers (checkpoint names <c>layers.N.…</c>).</summary>
public sealed class ClipEncoder : nn.Module
{
    private readonly TorchSharp.Modules.ModuleList<ClipEncoderLayer> layers;

    public ClipEncoder(ClipVisionConfig config, ScalarType dtype, Device device) : base(nameof(ClipEncoder))
    {
        layers = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers)
            .Select(_ => new ClipEncoderLayer(config, dtype, device)).ToArray());
        RegisterComponents();
    }

    public int Count => layers.Count;

    public ClipEncoderLayer this[int index] => layers[index];
}
