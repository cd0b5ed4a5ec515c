using System.Text.Json;
using Sieve.Runtime.Tests.Loading;

namespace Sieve.Runtime.Tests.Tokenization;

/// <summary>
/// The tiny Llama-style SentencePiece model in Data/ and python sentencepiece's answers for it, both made by
/// scripts/runtime/gen_tiny_tokenizer.py (the model file is checked in, so the tests need no python).
/// </summary>
internal static class TinyTokenizer
{
    public static string ModelPath => Path.Combine(AppContext.BaseDirectory, "Data", "tiny-llama.model");

    public static JsonElement Expected { get; } =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "tiny-llama-expected.json"))).RootElement;

    public const int ImageId = 400;
    public const int PadId = 401;

    /// <summary>A model folder laid out as llava-hf's: tokenizer.model plus HF's JSON files with &lt;image&gt; and &lt;pad&gt; added.</summary>
    public static void WriteFolder(ScratchFolder dir, bool? legacy = null)
    {
        File.Copy(ModelPath, dir.File("tokenizer.model"));
        var legacyKey = legacy is null ? "" : $"\"legacy\": {(legacy.Value ? "true" : "false")},";
        File.WriteAllText(dir.File("tokenizer_config.json"), $$"""
            {
              "add_bos_token": true, "add_eos_token": false, {{legacyKey}}
              "added_tokens_decoder": {
                "0": {"content": "<unk>", "lstrip": false, "normalized": false, "rstrip": false, "single_word": false, "special": true},
                "1": {"content": "<s>", "lstrip": false, "normalized": false, "rstrip": false, "single_word": false, "special": true},
                "2": {"content": "</s>", "lstrip": false, "normalized": false, "rstrip": false, "single_word": false, "special": true},
                "400": {"content": "<image>", "lstrip": false, "normalized": false, "rstrip": false, "single_word": false, "special": true}
              },
              "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>",
              "tokenizer_class": "LlamaTokenizer"
            }
            """);
        File.WriteAllText(dir.File("added_tokens.json"), """{"<image>": 400, "<pad>": 401}""");
        File.WriteAllText(dir.File("special_tokens_map.json"),
            """{"bos_token": {"content": "<s>", "lstrip": false}, "eos_token": "</s>", "pad_token": "<pad>", "unk_token": "<unk>"}""");
    }

    public static int[] Ids(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();
}
