using System.Globalization;
using System.Text;

namespace Sieve.Runtime.Tokenization;

/// <summary>
/// Ids to text as SentencePiece's own decoder does it for a Llama model: "▁" becomes a space, the first piece loses
/// its leading "▁" (the dummy prefix), consecutive byte-fallback pieces (<c>&lt;0xNN&gt;</c>) are joined and read as
/// UTF-8 with one U+FFFD per byte that does not form a character. (Microsoft.ML.Tokenizers' decoder drops a "▁"
/// piece that follows byte pieces, so decoding is done here; encoding stays with the library.)
/// </summary>
internal sealed class SentencePieceDecoder
{
    private readonly string?[] _pieces;
    private readonly int[] _byteValue; // -1 when the piece is not a byte piece

    public SentencePieceDecoder(IReadOnlyDictionary<string, int> vocabulary)
    {
        var size = vocabulary.Values.DefaultIfEmpty(-1).Max() + 1;
        _pieces = new string?[size];
        _byteValue = new int[size];
        Array.Fill(_byteValue, -1);
        foreach (var (piece, id) in vocabulary)
        {
            _pieces[id] = piece;
            if (piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal) && piece[5] == '>'
                && byte.TryParse(piece.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                _byteValue[id] = b;
        }
    }

    public int Count => _pieces.Length;

    public string? Piece(int id) => id >= 0 && id < _pieces.Length ? _pieces[id] : null;

    /// <summary>Decodes ids that are all pieces of the model (callers remove control and added tokens first).</summary>
    public string Decode(IReadOnlyList<int> ids)
    {
        var text = new StringBuilder();
        var bytes = new List<byte>();
        var first = true;
        foreach (var id in ids)
        {
            if (_byteValue[id] >= 0)
            {
                bytes.Add((byte)_byteValue[id]);
                first = false;
                continue;
            }
            FlushBytes(bytes, text);
            var piece = _pieces[id] ?? "";
            if (first && piece.Length > 0 && piece[0] == '\u2581')
                piece = piece[1..];
            first = false;
            text.Append(piece.Replace('\u2581', ' '));
        }
        FlushBytes(bytes, text);
        return text.ToString();
    }

    private static void FlushBytes(List<byte> bytes, StringBuilder text)
    {
        if (bytes.Count == 0)
            return;
        ReadOnlySpan<byte> span = [.. bytes];
        while (!span.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf8(span, out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
                span = span[consumed..];
            }
            else
            {
                text.Append('\uFFFD'); // as SentencePiece: one replacement per byte that starts no valid character
                span = span[1..];
            }
        }
        bytes.Clear();
    }
}
