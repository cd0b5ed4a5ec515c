using CsCheck;
using Sieve.Runtime.Loading;
using Sieve.Runtime.Tests.Loading;
using Sieve.Runtime.Tokenization;

namespace Sieve.Runtime.Tests.Tokenization;

public sealed class LlavaTokenizerTests : IDisposable
{
    private readonly ScratchFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private LlavaTokenizer Load(bool? legacy = null)
    {
        TinyTokenizer.WriteFolder(_dir, legacy);
        return LlavaTokenizer.Load(_dir.Path);
    }

    public static TheoryData<int> Cases() => new(Enumerable.Range(0, TinyTokenizer.Expected.GetProperty("cases").GetArrayLength()));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Text_encodes_to_python_sentencepieces_ids_and_decodes_back(int index)
    {
        var tokenizer = Load();
        var c = TinyTokenizer.Expected.GetProperty("cases")[index];
        var text = c.GetProperty("text").GetString()!;
        var expected = TinyTokenizer.Ids(c.GetProperty("ids"));

        Assert.Equal(expected, tokenizer.Encode(text, addSpecialTokens: false));
        Assert.Equal([1, .. expected], tokenizer.Encode(text));
        Assert.Equal(c.GetProperty("decoded").GetString(), tokenizer.Decode(expected));
    }

    [Theory]
    [InlineData(true, "legacy_ids")]
    [InlineData(false, "non_legacy_ids")]
    [InlineData(null, "legacy_ids")] // HF's LlamaTokenizer defaults to legacy=True
    public void Image_tokens_are_split_out_as_HF_does_in_either_mode(bool? legacy, string key)
    {
        var tokenizer = Load(legacy);
        foreach (var c in TinyTokenizer.Expected.GetProperty("image_cases").EnumerateArray())
            Assert.Equal(TinyTokenizer.Ids(c.GetProperty(key)), tokenizer.Encode(c.GetProperty("text").GetString()!, addSpecialTokens: false));
    }

    [Fact]
    public void Odd_id_sequences_decode_as_python_sentencepiece_decodes_them()
    {
        var tokenizer = Load();
        foreach (var c in TinyTokenizer.Expected.GetProperty("decode_cases").EnumerateArray())
        {
            var ids = TinyTokenizer.Ids(c.GetProperty("ids"));
            Assert.True(c.GetProperty("decoded").GetString() == tokenizer.Decode(ids), string.Join(",", ids));
        }
    }

    [Fact]
    public void Special_ids_come_from_the_HF_files()
    {
        var tokenizer = Load();
        Assert.Equal((1, 2, 0, TinyTokenizer.PadId, TinyTokenizer.ImageId), (tokenizer.BosId, tokenizer.EosId, tokenizer.UnkId, tokenizer.PadId, tokenizer.ImageTokenId));
        Assert.Equal(400, tokenizer.SentencePieceVocabSize);
        Assert.Equal("<pad>", tokenizer.IdToToken(TinyTokenizer.PadId));
        Assert.Equal("▁The", tokenizer.IdToToken(338));
        Assert.Contains(TinyTokenizer.PadId, tokenizer.SpecialIds); // special via special_tokens_map.json only
    }

    [Fact]
    public void Decoding_skips_special_tokens_unless_asked_to_keep_them()
    {
        var tokenizer = Load();
        var ids = tokenizer.Encode("Describe <image> in detail.");
        // legacy=True gives the text after <image> its own dummy prefix: "▁" + "▁▁in", hence three spaces (as in HF).
        Assert.Equal("Describe   in detail.", tokenizer.Decode(ids));
        Assert.Contains("<image>", tokenizer.Decode(ids, skipSpecialTokens: false));
        Assert.Equal("", tokenizer.Decode([1, 2, TinyTokenizer.PadId, 9999]));
        Assert.Equal("The The", tokenizer.Decode([338, 2, 338])); // a skipped token keeps SentencePiece's spacing
    }

    [Fact]
    public void Without_the_HF_files_BOS_comes_from_the_model_and_there_is_no_image_token()
    {
        File.Copy(TinyTokenizer.ModelPath, _dir.File("tokenizer.model"));
        var tokenizer = LlavaTokenizer.Load(_dir.Path);
        Assert.Null(tokenizer.ImageTokenId);
        Assert.Equal(1, tokenizer.BosId);
        Assert.Equal(1, tokenizer.Encode("Hello")[0]);
    }

    [Fact]
    public void A_missing_or_broken_tokenizer_model_is_named()
    {
        var missing = Assert.Throws<CheckpointException>(() => LlavaTokenizer.Load(_dir.Path));
        Assert.EndsWith("tokenizer.model", missing.File);
        File.WriteAllText(_dir.File("tokenizer.model"), "not a protobuf");
        var broken = Assert.Throws<CheckpointException>(() => LlavaTokenizer.Load(_dir.Path));
        Assert.Contains("not a SentencePiece model", broken.Message);
    }

    [Fact]
    public void Streaming_pieces_add_up_to_the_whole_decode_and_never_split_a_character()
    {
        var tokenizer = Load();
        foreach (var c in TinyTokenizer.Expected.GetProperty("cases").EnumerateArray())
        {
            var ids = TinyTokenizer.Ids(c.GetProperty("ids"));
            var stream = tokenizer.CreateStreamingDecoder();
            var pieces = ids.Select(stream.Push).ToList();
            pieces.Add(stream.Flush());
            Assert.Equal(tokenizer.Decode(ids), string.Concat(pieces));
            Assert.DoesNotContain(pieces, p => p.Contains('\uFFFD'));
        }
    }

    [Fact]
    public void Streaming_equals_whole_decoding_for_any_id_sequence()
    {
        var tokenizer = Load();
        Gen.Int[0, 402].Array[0, 40].Sample(ids =>
        {
            var stream = tokenizer.CreateStreamingDecoder();
            var streamed = string.Concat(ids.Select(stream.Push)) + stream.Flush();
            Assert.Equal(tokenizer.Decode(ids), streamed);
        }, iter: 300);
    }
}
