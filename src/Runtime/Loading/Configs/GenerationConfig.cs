namespace Sieve.Runtime.Loading.Configs;

/// <summary>
/// <c>generation_config.json</c> with transformers' <c>GenerationConfig</c> defaults (greedy, max_length 20).
/// Token ids absent from the file fall back to the text model's config, as transformers does.
/// </summary>
public sealed record GenerationConfig
{
    public const string FileName = "generation_config.json";

    public int? BosTokenId { get; init; }
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];
    public int? PadTokenId { get; init; }

    /// <summary>Prompt plus new tokens (transformers' default 20); <see cref="MaxNewTokens"/> wins when set.</summary>
    public int MaxLength { get; init; } = 20;

    public int? MaxNewTokens { get; init; }
    public bool DoSample { get; init; }
    public double Temperature { get; init; } = 1.0;
    public double TopP { get; init; } = 1.0;
    public int TopK { get; init; } = 50;
    public double RepetitionPenalty { get; init; } = 1.0;

    /// <summary>Reads the folder's generation_config.json; without one, the defaults with the model's token ids.</summary>
    public static GenerationConfig Load(string folder, LlavaConfig model)
    {
        var text = model.TextConfig;
        var file = Path.GetFullPath(Path.Combine(folder, FileName));
        if (!File.Exists(file))
            return new GenerationConfig { BosTokenId = text.BosTokenId, EosTokenIds = text.EosTokenIds, PadTokenId = model.PadTokenId ?? text.PadTokenId };
        var json = ConfigJson.Load(file);
        var config = new GenerationConfig
        {
            BosTokenId = json.IntOrNull("bos_token_id") ?? text.BosTokenId,
            EosTokenIds = json.IntList("eos_token_id", text.EosTokenIds),
            PadTokenId = json.IntOrNull("pad_token_id") ?? model.PadTokenId ?? text.PadTokenId,
            MaxLength = json.Int("max_length", 20),
            MaxNewTokens = json.IntOrNull("max_new_tokens"),
            DoSample = json.Bool("do_sample", false),
            Temperature = json.Double("temperature", 1.0),
            TopP = json.Double("top_p", 1.0),
            TopK = json.Int("top_k", 50),
            RepetitionPenalty = json.Double("repetition_penalty", 1.0),
        };
        if (config.Temperature < 0)
            throw json.Error("temperature", $"is {config.Temperature}; must not be negative");
        if (config.TopP is <= 0 or > 1)
            throw json.Error("top_p", $"is {config.TopP}; must be in (0, 1]");
        return config;
    }
}
