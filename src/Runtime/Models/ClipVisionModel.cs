using Sieve.Runtime.Loading.Configs;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>HF <c>CLIPVisionModel</c>: only a wrapper named <c>vision_model</c>, kept so tensor names line up.</summary>
public sealed class ClipVisionModel : nn.Module
{
    private readonly ClipVisionTransformer vision_model;

    public ClipVisionModel(ClipVisionConfig config, ScalarType dtype, Device device) : base(nameof(ClipVisionModel))
    {
        vision_model = new ClipVisionTransformer(config, dtype, device);
        RegisterComponents();
    }

    public ClipVisionTransformer VisionModel => vision_model;
}
