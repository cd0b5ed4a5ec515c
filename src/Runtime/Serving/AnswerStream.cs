namespace Sieve.Runtime.Serving;

/// <summary>
/// Turns decoded text pieces into what a streaming client may show now. Holds back (a) a tail that could be the
/// start of a stop sequence, cutting the answer where one appears, and (b) when tools are offered, everything from
/// the first <c>&lt;tool_call&gt;</c> (or a code fence that may wrap one), which <see cref="Finish"/> parses at the
/// end. So the streamed text never shows a stop sequence or a half-written call, and the concatenation of all
/// pieces is the final answer's text. Not thread-safe: one per generation.
/// </summary>
public sealed class AnswerStream
{
    private static readonly string[] ToolMarkers = [ToolCallParser.OpenTag, "```"];

    private readonly IReadOnlyList<string> _stops;
    private readonly bool _tools;
    private readonly System.Text.StringBuilder _text = new();
    private int _emitted;
    private int? _heldFrom;

    public AnswerStream(IEnumerable<string>? stopSequences, bool toolsOffered)
    {
        _stops = (stopSequences ?? []).Where(s => !string.IsNullOrEmpty(s)).ToList();
        _tools = toolsOffered;
    }

    /// <summary>True once a stop sequence appeared: generation should end (the sequence is not part of the answer).</summary>
    public bool Stopped { get; private set; }

    /// <summary>Adds a decoded piece; returns the text that may be shown now (possibly empty).</summary>
    public string Push(string piece)
    {
        if (Stopped || piece.Length == 0)
            return "";
        int searchFrom = Math.Max(0, _text.Length - _stops.Select(s => s.Length).DefaultIfEmpty(0).Max());
        _text.Append(piece);
        var all = _text.ToString();
        int cut = _stops.Select(s => all.IndexOf(s, searchFrom, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        if (cut >= 0)
        {
            _text.Length = cut;
            all = all[..cut];
            Stopped = true;
        }
        if (_tools && _heldFrom is null)
        {
            int marker = ToolMarkers.Select(m => all.IndexOf(m, _emitted, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
            if (marker >= 0)
                _heldFrom = marker;
        }
        int safe = _heldFrom ?? (Stopped ? all.Length : all.Length - PartialSuffix(all));
        if (safe <= _emitted)
            return "";
        var shown = all[_emitted..safe];
        _emitted = safe;
        return shown;
    }

    /// <summary>The rest of the answer once generation ended: held-back text and, when tools were offered, the calls
    /// parsed from it (text the parser does not take as a call is returned as text).</summary>
    public IReadOnlyList<AnswerPart> Finish()
    {
        var rest = _text.ToString()[_emitted..];
        _emitted = _text.Length;
        if (rest.Length == 0)
            return [];
        return _tools ? ToolCallParser.Parse(rest) : [new AnswerPart(rest, null)];
    }

    /// <summary>The full answer text so far (stop sequence cut off).</summary>
    public string Text => _text.ToString();

    /// <summary>Length of the longest end of <paramref name="text"/> that begins a stop sequence or tool marker.</summary>
    private int PartialSuffix(string text)
    {
        int longest = 0;
        var watched = _tools ? _stops.Concat(ToolMarkers) : _stops;
        foreach (var s in watched)
            for (int k = Math.Min(s.Length - 1, text.Length); k > longest; k--)
                if (string.CompareOrdinal(text, text.Length - k, s, 0, k) == 0)
                {
                    longest = k;
                    break;
                }
        return longest;
    }
}
