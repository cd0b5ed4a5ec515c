using Sieve.Runtime.Loading.Configs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>[CLS] + patch embeddings + learned position embeddings (HF <c>CLIPVisionEmbeddings</c>).</summary>
public sealed class ClipVisionEmbeddings : nn.Module<Tensor, Tensor>
{
    private readonly Parameter class_embedding;
    private readonly PatchEmbedding patch_embedding;
    private readonly Embedding position_embedding;
    private readonly long _positions;

    public ClipVisionEmbeddings(ClipVisionConfig config, ScalarType dtype, Device device) : base(nameof(ClipVisionEmbeddings))
    {
        long patches = (long)(config.ImageSize / config.PatchSize) * (config.ImageSize / config.PatchSize);
        _positions = patches + 1;
        class_embedding = new Parameter(empty([config.HiddenSize], dtype, device), requires_grad: false);
        patch_embedding = new PatchEmbedding(config.NumChannels, config.HiddenSize, config.PatchSize, dtype, device);
        position_embedding = new Embedding(_positions, config.HiddenSize, dtype, device);
        RegisterComponents();
    }

    /// <summary>pixels [B, C, H, W] (H = W = image_size) → [B, 1 + patches, D].</summary>
    public override Tensor forward(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var batch = pixels.shape[0];
        var patches = patch_embedding.forward(pixels).flatten(2).transpose(1, 2);      // [B, P, D]
        var cls = class_embedding.reshape(1, 1, -1).expand(batch, 1, -1);
        var tokens = cat([cls, patches], 1);
        if (tokens.shape[1] != _positions)
            throw new ArgumentException(
                $"pixel values of {pixels.shape[2]}×{pixels.shape[3]} give {tokens.shape[1] - 1} patches; the vision tower expects {_positions - 1}");
        var positions = arange(_positions, ScalarType.Int64, pixels.device);
        return (tokens + position_embedding.forward(positions)).MoveToOuterDisposeScope();
    }
}
