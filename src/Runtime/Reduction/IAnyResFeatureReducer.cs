using Sieve.Runtime.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Reduction;

/// <summary>
/// Encoder-side reduction for LLaVA-NeXT (AnyRes): called once per image after the tower and projector, with the
/// image's layout and the tower's class-token attention, it chooses which rows of the packed image sequence
/// (thumbnail, then the unpadded grid with its newlines; see <see cref="AnyResPacking"/>) go to the LLM. It selects
/// indices only, so the same choice can be dumped, replayed or checked against a transcription without features.
/// Called inside the caller's no_grad and dispose scope.
/// </summary>
public interface IAnyResFeatureReducer
{
    /// <summary>Packed indices to keep, in the order they are to appear in the prompt (each at most once).</summary>
    long[] SelectKept(AnyResReductionInput input);
}

/// <param name="Layout">The image's AnyRes layout (grid, unpadding, packed indices).</param>
/// <param name="ClassTokenScores">[TileCount, Side²]: per tile (thumbnail first), the last CLIP layer's pre-softmax
/// attention logits of the class token over the patch tokens, averaged over heads.</param>
public sealed record AnyResReductionInput(AnyResLayout Layout, Tensor ClassTokenScores);
