namespace Sieve.Runtime.Tokenization;

/// <summary>
/// Incremental detokenisation for streaming: each <see cref="Push"/> returns the text the new id adds. SentencePiece
/// text cannot be decoded one id at a time (a leading "▁" becomes a space only after another token; byte-fallback
/// pieces form one character only together), so the decoder re-decodes a short window: the ids since the last
/// emitted text plus the one before as context, and emits the difference once it does not end in an incomplete
/// character (U+FFFD). The concatenation of all pieces plus <see cref="Flush"/> equals decoding all ids at once.
/// Not thread-safe: one per generation.
/// </summary>
public sealed class StreamingDetokenizer
{
    private readonly Func<IReadOnlyList<int>, string> _decode;
    private readonly List<int> _ids = [];
    private int _prefix;
    private int _read;

    public StreamingDetokenizer(Func<IReadOnlyList<int>, string> decode) => _decode = decode;

    /// <summary>All ids pushed so far.</summary>
    public IReadOnlyList<int> Ids => _ids;

    /// <summary>Adds <paramref name="id"/>; returns the new text (empty while a character is incomplete).</summary>
    public string Push(int id)
    {
        _ids.Add(id);
        var before = _decode(_ids[_prefix.._read]);
        var now = _decode(_ids[_prefix..]);
        if (now.Length <= before.Length || now.EndsWith('\uFFFD') || !now.StartsWith(before, StringComparison.Ordinal))
            return "";
        _prefix = _read;
        _read = _ids.Count;
        return now[before.Length..];
    }

    /// <summary>Whatever is still held back (an incomplete character at the end), once generation has stopped.</summary>
    public string Flush()
    {
        var before = _decode(_ids[_prefix.._read]);
        var now = _decode(_ids[_prefix..]);
        _prefix = _read = _ids.Count;
        return now.StartsWith(before, StringComparison.Ordinal) ? now[before.Length..] : "";
    }
}
