using Sieve.Runtime.Generation;
using Sieve.Runtime.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Reduction;

/// <summary>
/// Decoder-side reduction at LLM layer K (DART, FastV): called once during prefill on entry to layer
/// <see cref="Layer"/>, it chooses which sequence rows go on. Layers below K keep the full sequence in their KV
/// cache; layers K and above see and cache only the kept rows, which keep their original position ids. Called inside
/// the caller's no_grad and dispose scope.
/// </summary>
public interface IDecoderLayerReducer
{
    /// <summary>K ≥ 1: the decoder layer on whose entry the sequence is reduced.</summary>
    int Layer { get; }

    /// <summary>Returns the int64 sequence indices to keep, strictly increasing.</summary>
    Tensor SelectKept(DecoderReductionInput input);
}

/// <param name="Hidden">[1, L, D]: layer K's input (= layer K−1's output).</param>
/// <param name="PreviousHidden">[1, L, D]: layer K−1's input (to recompute its queries/attention, as FastV needs).</param>
/// <param name="Positions">[L] int64 position ids of the rows.</param>
/// <param name="Images">The image spans in row indices.</param>
/// <param name="Cache">The KV cache with layers &lt; K already holding this prefill's post-RoPE keys and values.</param>
/// <param name="Model">The decoder, for its final norm and layers.</param>
public sealed record DecoderReductionInput(
    Tensor Hidden, Tensor PreviousHidden, Tensor Positions, IReadOnlyList<ImageSpan> Images, KvCache Cache, LlamaModel Model);
