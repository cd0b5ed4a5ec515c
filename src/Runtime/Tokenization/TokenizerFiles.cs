using System.Text.Json;
using Sieve.Runtime.Loading;

namespace Sieve.Runtime.Tokenization;

/// <summary>
/// What HF's tokenizer files around <c>tokenizer.model</c> say: added tokens (tokenizer_config.json's
/// <c>added_tokens_decoder</c>, added_tokens.json), the special token names (special_tokens_map.json, or
/// tokenizer_config.json), <c>add_bos_token</c>/<c>add_eos_token</c> and <c>legacy</c>.
/// </summary>
public sealed record TokenizerFiles
{
    public IReadOnlyList<AddedToken> AddedTokens { get; init; } = [];
    public bool AddBos { get; init; } = true;
    public bool AddEos { get; init; }

    /// <summary>HF's <c>legacy</c> (default true): every text piece between added tokens gets SentencePiece's dummy
    /// prefix; when false only the first does.</summary>
    public bool Legacy { get; init; } = true;

    public string? BosToken { get; init; }
    public string? EosToken { get; init; }
    public string? UnkToken { get; init; }
    public string? PadToken { get; init; }

    /// <summary>The chat template (Jinja) of tokenizer_config.json or chat_template.json, if any; for information.</summary>
    public string? ChatTemplate { get; init; }

    /// <summary>Reads whichever of the files exist in <paramref name="folder"/>; none of them is required.</summary>
    public static TokenizerFiles Read(string folder)
    {
        var added = new Dictionary<string, AddedToken>(StringComparer.Ordinal);
        var result = new TokenizerFiles();

        var addedJson = Path.Combine(folder, "added_tokens.json");
        if (File.Exists(addedJson))
            foreach (var p in Parse(addedJson).EnumerateObject())
                added[p.Name] = new AddedToken(p.Name, Int(addedJson, p.Value, p.Name), Special: false);

        var configFile = Path.Combine(folder, "tokenizer_config.json");
        if (File.Exists(configFile))
        {
            var config = Parse(configFile);
            if (config.TryGetProperty("added_tokens_decoder", out var decoder) && decoder.ValueKind == JsonValueKind.Object)
                foreach (var p in decoder.EnumerateObject())
                {
                    if (!int.TryParse(p.Name, out var id) || !p.Value.TryGetProperty("content", out var content))
                        throw new CheckpointException(configFile, null, $"added_tokens_decoder entry '{p.Name}' needs an integer id and a content");
                    var text = content.GetString()!;
                    added[text] = new AddedToken(text, id, Flag(p.Value, "special"), Flag(p.Value, "lstrip"), Flag(p.Value, "rstrip"));
                }
            result = result with
            {
                AddBos = Bool(config, "add_bos_token", true),
                AddEos = Bool(config, "add_eos_token", false),
                Legacy = config.TryGetProperty("legacy", out var legacy) && legacy.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? legacy.GetBoolean() : true,
                BosToken = TokenName(config, "bos_token"),
                EosToken = TokenName(config, "eos_token"),
                UnkToken = TokenName(config, "unk_token"),
                PadToken = TokenName(config, "pad_token"),
                ChatTemplate = config.TryGetProperty("chat_template", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null,
            };
        }

        var mapFile = Path.Combine(folder, "special_tokens_map.json");
        if (File.Exists(mapFile))
        {
            var map = Parse(mapFile);
            result = result with
            {
                BosToken = TokenName(map, "bos_token") ?? result.BosToken,
                EosToken = TokenName(map, "eos_token") ?? result.EosToken,
                UnkToken = TokenName(map, "unk_token") ?? result.UnkToken,
                PadToken = TokenName(map, "pad_token") ?? result.PadToken,
            };
        }

        var templateFile = Path.Combine(folder, "chat_template.json");
        if (result.ChatTemplate is null && File.Exists(templateFile)
            && Parse(templateFile).TryGetProperty("chat_template", out var ct) && ct.ValueKind == JsonValueKind.String)
            result = result with { ChatTemplate = ct.GetString() };

        // Tokens named in the special-token map are special even when only added_tokens.json listed them.
        var specialNames = new[] { result.BosToken, result.EosToken, result.UnkToken, result.PadToken };
        return result with
        {
            AddedTokens = added.Values
                .Select(a => specialNames.Contains(a.Content) ? a with { Special = true } : a)
                .OrderBy(a => a.Id).ToList(),
        };
    }

    private static JsonElement Parse(string file)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.Clone()
                : throw new CheckpointException(file, null, "not a JSON object");
        }
        catch (JsonException e)
        {
            throw new CheckpointException(file, null, $"not valid JSON ({e.Message})", e);
        }
    }

    private static int Int(string file, JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v
            : throw new CheckpointException(file, null, $"token '{name}' must map to an integer id");

    private static bool Flag(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.True;

    private static bool Bool(JsonElement e, string key, bool fallback) =>
        e.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;

    /// <summary>A special token given as a string or as <c>{"content": ...}</c>.</summary>
    private static string? TokenName(JsonElement e, string key) =>
        !e.TryGetProperty(key, out var v) ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : v.ValueKind == JsonValueKind.Object && v.TryGetProperty("content", out var c) ? c.GetString()
        : null;
}
