using Microsoft.ML.Tokenizers;
using Sieve.Runtime.Loading;

namespace Sieve.Runtime.Tokenization;

/// <summary>
/// The tokenizer of a LLaVA folder as HF's slow <c>LlamaTokenizer</c> behaves: SentencePiece (<c>tokenizer.model</c>,
/// through Microsoft.ML.Tokenizers' <see cref="LlamaTokenizer"/>) for text, with the added tokens
/// (<c>&lt;image&gt;</c>, <c>&lt;pad&gt;</c>, and <c>&lt;s&gt;</c> etc. when written in the text) split out first and
/// mapped to their ids, and BOS put in front when the folder says so. Thread-safe after construction.
/// </summary>
public sealed class LlavaTokenizer
{
    private const char Underline = '\u2581'; // SentencePiece's visible space, "▁"

    private readonly LlamaTokenizer _sp;
    private readonly SentencePieceDecoder _decoder;
    private readonly Dictionary<string, AddedToken> _addedByContent;
    private readonly Dictionary<int, AddedToken> _addedById;
    private readonly AddedToken[] _longestFirst;

    private LlavaTokenizer(LlamaTokenizer sp, TokenizerFiles files)
    {
        _sp = sp;
        _decoder = new SentencePieceDecoder(sp.Vocabulary);
        Files = files;
        _addedByContent = new Dictionary<string, AddedToken>(StringComparer.Ordinal);
        _addedById = [];
        foreach (var a in files.AddedTokens)
        {
            _addedByContent[a.Content] = a;
            _addedById[a.Id] = a;
        }
        _longestFirst = [.. files.AddedTokens.OrderByDescending(a => a.Content.Length)];
        SentencePieceVocabSize = sp.Vocabulary.Count;
        BosId = Resolve(files.BosToken) ?? sp.BeginningOfSentenceId;
        EosId = Resolve(files.EosToken) ?? sp.EndOfSentenceId;
        UnkId = Resolve(files.UnkToken) ?? sp.UnknownId;
        PadId = Resolve(files.PadToken);
        ImageTokenId = _addedByContent.TryGetValue(ImageToken, out var image) ? image.Id : null;
    }

    /// <summary>LLaVA's image placeholder in prompts.</summary>
    public const string ImageToken = "<image>";

    public TokenizerFiles Files { get; }
    public int SentencePieceVocabSize { get; }
    public int BosId { get; }
    public int EosId { get; }
    public int UnkId { get; }
    public int? PadId { get; }

    /// <summary>The id of <c>&lt;image&gt;</c>, or null when the tokenizer has no such added token (original LLaVA).</summary>
    public int? ImageTokenId { get; }

    /// <summary>Every id of a special token (BOS, EOS, UNK, pad, image and the other added special tokens).</summary>
    public IReadOnlySet<int> SpecialIds => _addedById.Values.Where(a => a.Special).Select(a => a.Id)
        .Concat([BosId, EosId, UnkId]).Concat(PadId is { } p ? [p] : []).ToHashSet();

    /// <summary>Loads <c>tokenizer.model</c> and the HF tokenizer files beside it from a model folder.</summary>
    /// <exception cref="CheckpointException">No tokenizer.model, or one SentencePiece cannot read.</exception>
    public static LlavaTokenizer Load(string folder)
    {
        var model = Path.GetFullPath(Path.Combine(folder, LlavaModelFolder.TokenizerModelFileName));
        if (!File.Exists(model))
            throw new CheckpointException(model, null, "file not found (the SentencePiece model of a Llama tokenizer)");
        using var stream = File.OpenRead(model);
        return Create(stream, TokenizerFiles.Read(folder), model);
    }

    /// <summary>Builds a tokenizer from a SentencePiece model stream and the HF settings.</summary>
    public static LlavaTokenizer Create(Stream sentencePieceModel, TokenizerFiles files, string sourceName = "tokenizer.model")
    {
        LlamaTokenizer sp;
        try
        {
            sp = LlamaTokenizer.Create(sentencePieceModel, addBeginOfSentence: false, addEndOfSentence: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CheckpointException(sourceName, null, $"not a SentencePiece model this runtime can read ({e.Message})", e);
        }
        return new LlavaTokenizer(sp, files);
    }

    /// <summary>
    /// Token ids of <paramref name="text"/>: BOS first when the folder asks for it (and <paramref name="addSpecialTokens"/>),
    /// added tokens written in the text as their ids, the rest through SentencePiece.
    /// </summary>
    public IReadOnlyList<int> Encode(string text, bool addSpecialTokens = true)
    {
        var ids = new List<int>();
        if (addSpecialTokens && Files.AddBos)
            ids.Add(BosId);
        var first = true;
        foreach (var (piece, token) in Split(text))
        {
            if (token is not null)
                ids.Add(token.Id);
            else if (piece.Length > 0)
                ids.AddRange(EncodeText(piece, withDummyPrefix: Files.Legacy || first));
            first = false;
        }
        if (addSpecialTokens && Files.AddEos)
            ids.Add(EosId);
        return ids;
    }

    /// <summary>
    /// Text of <paramref name="ids"/>. Special tokens are left out when <paramref name="skipSpecialTokens"/>; ids the
    /// tokenizer does not know (padding rows of a resized embedding) give no text.
    /// </summary>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true)
    {
        // Skipped tokens do not break the run of pieces (as HF drops them before joining), so "a</s>b" decodes as "ab"
        // with SentencePiece's spacing intact; kept special tokens are written between separately decoded runs.
        var text = new System.Text.StringBuilder();
        var run = new List<int>();
        foreach (var id in ids)
        {
            var isControl = id == _sp.BeginningOfSentenceId || id == _sp.EndOfSentenceId || id == _sp.UnknownId;
            if (_addedById.TryGetValue(id, out var added) && (added.Special || id >= SentencePieceVocabSize))
            {
                if (skipSpecialTokens && added.Special)
                    continue;
                Flush();
                text.Append(added.Content);
            }
            else if (isControl)
            {
                if (skipSpecialTokens)
                    continue;
                Flush();
                text.Append(_decoder.Piece(id));
            }
            else if (id >= 0 && id < SentencePieceVocabSize)
                run.Add(id);
        }
        Flush();
        return text.ToString();

        void Flush()
        {
            if (run.Count == 0)
                return;
            text.Append(_decoder.Decode(run));
            run.Clear();
        }
    }

    /// <summary>A decoder that turns ids arriving one at a time into text pieces, for token streaming.</summary>
    public StreamingDetokenizer CreateStreamingDecoder(bool skipSpecialTokens = true) =>
        new(ids => Decode(ids, skipSpecialTokens));

    /// <summary>The SentencePiece piece or added token of <paramref name="id"/>, or null.</summary>
    public string? IdToToken(int id) =>
        _addedById.TryGetValue(id, out var a) ? a.Content
        : _decoder.Piece(id);

    private IEnumerable<int> EncodeText(string text, bool withDummyPrefix)
    {
        if (withDummyPrefix)
            return _sp.EncodeToIds(text, addBeginningOfSentence: false, addEndOfSentence: false);
        // HF (legacy=false) encodes text after an added token without SentencePiece's dummy prefix: escape the
        // spaces as the normaliser would (Llama's normaliser is the identity otherwise) and skip normalisation.
        return _sp.EncodeToIds(text.Replace(' ', Underline), addBeginningOfSentence: false, addEndOfSentence: false,
            considerPreTokenization: false, considerNormalization: false);
    }

    /// <summary>The text cut at added tokens (longest match first), applying their lstrip/rstrip.</summary>
    private List<(string Text, AddedToken? Token)> Split(string text)
    {
        var parts = new List<(string, AddedToken?)>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var match = _longestFirst.FirstOrDefault(a => a.Content.Length > 0 && string.CompareOrdinal(text, i, a.Content, 0, a.Content.Length) == 0);
            if (match is null)
            {
                i++;
                continue;
            }
            var before = text[start..i];
            if (match.LStrip)
                before = before.TrimEnd();
            parts.Add((before, null));
            parts.Add((match.Content, match));
            i += match.Content.Length;
            if (match.RStrip)
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                    i++;
            start = i;
        }
        parts.Add((text[start..], null));
        // Empty text between tokens is no piece at all (it must not reset the "first piece" of legacy=false).
        return parts.Where(p => p.Item2 is not null || ((string)p.Item1).Length > 0).ToList();
    }

    private int? Resolve(string? token) =>
        token is null ? null
        : _addedByContent.TryGetValue(token, out var a) ? a.Id
        : _sp.Vocabulary.TryGetValue(token, out var id) ? id
        : null;
}
