using Sieve.Runtime.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Reduction;

/// <summary>
/// Encoder-side vision-token reduction: sees each image's selected vision features (after the vision tower, before
/// the projector) and returns fewer. Methods that need only the image (pooling, random, GlobalCom²) enter here.
/// Called inside the caller's no_grad and dispose scope; the returned tensors belong to that scope.
/// </summary>
public interface IVisionFeatureReducer
{
    /// <summary>Returns, per image, [n_i, vision_hidden] features in the order they are to appear in the prompt.</summary>
    IReadOnlyList<Tensor> Reduce(VisionReductionInput input);
}

/// <param name="Features">Per image, [patches, vision_hidden]: the features LLaVA would project (CLS dropped under
/// the "default" strategy).</param>
/// <param name="PixelValues">[images, 3, H, W] as fed to the tower (a reducer may rerun parts of it, e.g. for
/// [CLS] attention).</param>
/// <param name="Tower">The vision transformer, for reducers that read its attention.</param>
public sealed record VisionReductionInput(IReadOnlyList<Tensor> Features, Tensor PixelValues, ClipVisionTransformer Tower);
