using Sieve.Runtime.Reduction;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Caching;

/// <summary>
/// A decoder reducer for the cache's rules: keeps the text and every other image row. With
/// <paramref name="textDependent"/> the starting row depends on how many rows follow the image, standing in for DART's
/// text pivots: the kept set then depends on the text of the prefill that pruned.
/// </summary>
internal sealed class KeepEveryOtherImageRow(int layer, bool textDependent = false) : IDecoderLayerReducer
{
    public const string Key = "test:every-other-image-row";

    public int Layer => layer;
    public int Calls { get; private set; }

    public Tensor SelectKept(DecoderReductionInput input)
    {
        Calls++;
        long rows = input.Hidden.shape[1];
        var kept = new List<long>();
        for (long r = 0; r < rows; r++)
        {
            var image = input.Images.FirstOrDefault(s => r >= s.Start && r < s.End);
            long offset = textDependent && image is not null ? (rows - image.End) % 2 : 0;
            if (image is null || (r - image.Start) % 2 == offset)
                kept.Add(r);
        }
        return tensor(kept.ToArray());
    }
}
