using Sieve.Runtime.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Reduction;

/// <summary>What a prefill kept of its images.</summary>
/// <param name="ImageTokens">Image rows in the prompt (after any encoder-side reduction).</param>
/// <param name="KeptImagePositions">The absolute positions (position ids) of the image rows that went past the
/// decoder-side reducer, ascending; all image rows when there was none.</param>
public sealed record ReductionOutcome(long ImageTokens, IReadOnlyList<long> KeptImagePositions)
{
    public long KeptImageTokens => KeptImagePositions.Count;

    /// <param name="kept">The kept rows the decoder returned, or null when nothing was reduced at layer K.</param>
    /// <param name="firstPosition">The position id of the prompt's first row (non-zero after earlier turns).</param>
    public static ReductionOutcome Of(PromptLayout layout, Tensor? kept, long firstPosition)
    {
        var rows = kept?.data<long>().ToArray();
        var keptSet = rows?.ToHashSet();
        var positions = layout.Images.SelectMany(s => Enumerable.Range(0, (int)s.Length).Select(i => s.Start + i))
            .Where(r => keptSet is null || keptSet.Contains(r)).Select(r => r + firstPosition).Order().ToArray();
        return new ReductionOutcome(layout.Images.Sum(s => s.Length), positions);
    }

    public override string ToString() => $"image tokens kept {KeptImageTokens} of {ImageTokens}";
}
