namespace Sieve.Runtime.Caching;

/// <summary>
/// A sequence as the prefix cache compares it: the prompt's token ids with one image token per image (before
/// expansion), which image each of those is (a content hash), and any tokens fed after the prompt (the generated
/// answer). An image is one symbol: two sequences share an image only whole, and only when the hashes agree, so a
/// common prefix never ends inside an image's rows. Where the images sit in the expanded sequence follows from their
/// feature counts, which an entry records (they depend on the image and the reducer settings, both in its key).
/// </summary>
public sealed class PrefixSequence
{
    private readonly long[] _tokens;
    private readonly int[] _imageSymbols;
    private readonly string[] _imageHashes;

    private PrefixSequence(long[] tokens, int[] imageSymbols, string[] imageHashes, int promptLength)
    {
        _tokens = tokens;
        _imageSymbols = imageSymbols;
        _imageHashes = imageHashes;
        PromptLength = promptLength;
    }

    /// <summary>
    /// The sequence of a prompt whose images are each marked by one <paramref name="imageTokenId"/>, or null when
    /// the marks do not pair one to one with <paramref name="imageHashes"/> (e.g. ids already expanded to one token
    /// per feature): such a prompt is computed without the cache.
    /// </summary>
    public static PrefixSequence? FromPrompt(IReadOnlyList<long> ids, long imageTokenId, IReadOnlyList<string> imageHashes)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(imageHashes);
        var marks = Enumerable.Range(0, ids.Count).Where(i => ids[i] == imageTokenId).ToArray();
        if (marks.Length != imageHashes.Count)
            return null;
        return new PrefixSequence([.. ids], marks, [.. imageHashes], ids.Count);
    }

    /// <summary>Symbols: text tokens plus one per image.</summary>
    public int Length => _tokens.Length;

    public int ImageCount => _imageSymbols.Length;

    /// <summary>Symbols of the prompt, before any fed tokens.</summary>
    public int PromptLength { get; }

    /// <summary>This sequence followed by fed text tokens (generated ids, which are text even if one equals the image token).</summary>
    public PrefixSequence Extend(IReadOnlyList<long> fed) =>
        fed.Count == 0 ? this : new PrefixSequence([.. _tokens, .. fed], _imageSymbols, _imageHashes, PromptLength);

    /// <summary>How many images sit before symbol <paramref name="symbol"/>.</summary>
    public int ImagesBefore(int symbol)
    {
        int n = 0;
        while (n < _imageSymbols.Length && _imageSymbols[n] < symbol) n++;
        return n;
    }

    /// <summary>True when an image sits at symbol <paramref name="symbol"/> or after it.</summary>
    public bool HasImageFrom(int symbol) => _imageSymbols.Length > 0 && _imageSymbols[^1] >= symbol;

    /// <summary>
    /// The row of symbol <paramref name="symbol"/> in the expanded sequence, each image taking its feature count
    /// (<paramref name="featureCounts"/>, at least for the images before it).
    /// </summary>
    public long ExpandedPosition(int symbol, IReadOnlyList<long> featureCounts)
    {
        long position = symbol;
        for (int i = 0; i < _imageSymbols.Length && _imageSymbols[i] < symbol; i++)
            position += featureCounts[i] - 1;
        return position;
    }

    /// <summary>
    /// The number of leading symbols <paramref name="a"/> and <paramref name="b"/> share: equal token ids, and images
    /// at the same symbols with equal hashes (a differing image ends the common prefix where it starts).
    /// </summary>
    public static int CommonPrefix(PrefixSequence a, PrefixSequence b)
    {
        int n = Math.Min(a.Length, b.Length), limit = n;
        for (int i = 0; i < n; i++)
            if (a._tokens[i] != b._tokens[i]) { limit = i; break; }
        for (int k = 0; ; k++)
        {
            int pa = k < a._imageSymbols.Length ? a._imageSymbols[k] : int.MaxValue;
            int pb = k < b._imageSymbols.Length ? b._imageSymbols[k] : int.MaxValue;
            int first = Math.Min(pa, pb);
            if (first >= limit) return limit;
            // An image in one but a generated (text) image-token id in the other, or two different images.
            if (pa != pb || !string.Equals(a._imageHashes[k], b._imageHashes[k], StringComparison.Ordinal))
                return first;
        }
    }
}
