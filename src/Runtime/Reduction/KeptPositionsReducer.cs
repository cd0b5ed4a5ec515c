using static TorchSharp.torch;

namespace Sieve.Runtime.Reduction;

/// <summary>
/// Replays a given kept set (<c>--keep FILE</c>) instead of selecting: on entry to layer K, the image rows whose
/// position ids are listed stay, with every text row; the others go. For exact comparisons between methods and for
/// research (a set written by <c>--dump-kept</c> replays to the same logits).
/// </summary>
/// <param name="source">Where the positions came from (the file), named in errors.</param>
public sealed class KeptPositionsReducer(IReadOnlyCollection<long> positions, int layer, string source) : IDecoderLayerReducer
{
    public int Layer { get; } = layer;

    public IReadOnlyCollection<long> Positions { get; } = positions;

    /// <exception cref="ArgumentException">A listed position is not an image token of this prompt.</exception>
    public Tensor SelectKept(DecoderReductionInput input)
    {
        var positionIds = input.Positions.data<long>().ToArray();
        var imageRowAt = new Dictionary<long, long>();
        foreach (var span in input.Images)
            for (long r = span.Start; r < span.End; r++) imageRowAt[positionIds[r]] = r;
        var kept = new List<long>();
        foreach (var p in Positions)
        {
            if (!imageRowAt.TryGetValue(p, out var row))
                throw new ArgumentException($"{source}: position {p} is not an image token of this prompt " +
                    $"(image tokens are at {Describe(input.Images, positionIds)})");
            kept.Add(row);
        }
        return DecoderRows.KeepTextAnd(input.Hidden.shape[1], input.Images, kept, input.Hidden.device);
    }

    private static string Describe(IReadOnlyList<ImageSpan> images, long[] positionIds) => images.Count == 0
        ? "no positions: the prompt has no image"
        : string.Join(", ", images.Select(s => $"{positionIds[s.Start]}..{positionIds[s.End - 1]}"));
}
