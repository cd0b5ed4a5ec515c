namespace Sieve.Runtime.Loading.Configs;

/// <summary>
/// A Llama decoder's hyper-parameters, as transformers' <c>LlamaConfig</c> defines them: every key absent from the
/// file takes transformers' default (a LLaVA <c>text_config</c> lists only what differs from them).
/// </summary>
public sealed record LlamaConfig
{
    public string ModelType { get; init; } = "llama";
    public int VocabSize { get; init; } = 32000;
    public int HiddenSize { get; init; } = 4096;
    public int IntermediateSize { get; init; } = 11008;
    public int NumHiddenLayers { get; init; } = 32;
    public int NumAttentionHeads { get; init; } = 32;

    /// <summary>Grouped-query attention: key/value heads (defaults to <see cref="NumAttentionHeads"/>).</summary>
    public int NumKeyValueHeads { get; init; } = 32;

    /// <summary>Per-head width (defaults to hidden_size / num_attention_heads).</summary>
    public int HeadDim { get; init; } = 128;

    public string HiddenAct { get; init; } = "silu";
    public int MaxPositionEmbeddings { get; init; } = 2048;
    public double RmsNormEps { get; init; } = 1e-6;
    public double RopeTheta { get; init; } = 10000.0;

    /// <summary>The <c>rope_scaling</c> type (<c>linear</c>, <c>dynamic</c>, <c>llama3</c>...), null for plain RoPE.</summary>
    public string? RopeScalingType { get; init; }

    public double? RopeScalingFactor { get; init; }
    public bool AttentionBias { get; init; }
    public bool MlpBias { get; init; }
    public bool TieWordEmbeddings { get; init; }
    public int? BosTokenId { get; init; } = 1;
    public IReadOnlyList<int> EosTokenIds { get; init; } = [2];
    public int? PadTokenId { get; init; }

    /// <summary>Parameters of the decoder with its embeddings and head (lm_head counted once when tied).</summary>
    public long ParameterCount
    {
        get
        {
            long h = HiddenSize, kv = (long)NumKeyValueHeads * HeadDim, q = (long)NumAttentionHeads * HeadDim;
            var attention = h * q + 2 * h * kv + q * h + (AttentionBias ? q + 2 * kv + h : 0);
            var mlp = 3 * h * IntermediateSize + (MlpBias ? 2 * IntermediateSize + h : 0);
            var layer = attention + mlp + 2 * h;
            var embeddings = (long)VocabSize * h;
            return NumHiddenLayers * layer + h + embeddings + (TieWordEmbeddings ? 0 : embeddings);
        }
    }

    internal static LlamaConfig Read(ConfigJson json)
    {
        var modelType = json.String("model_type", "llama");
        if (modelType != "llama")
            throw json.Error("model_type", $"is '{modelType}'; this runtime runs Llama decoders ('llama') only");
        var heads = json.Int("num_attention_heads", 32);
        var hidden = json.Int("hidden_size", 4096);
        var kvHeads = json.IntOrNull("num_key_value_heads") ?? heads;
        // transformers v5 moved rope_theta into rope_parameters; read either.
        var ropeParameters = json.Object("rope_parameters");
        var ropeScaling = json.Object("rope_scaling") ?? ropeParameters;
        var scalingType = ropeScaling?.StringOrNull("rope_type") ?? ropeScaling?.StringOrNull("type");
        var config = new LlamaConfig
        {
            ModelType = modelType,
            VocabSize = json.Int("vocab_size", 32000),
            HiddenSize = hidden,
            IntermediateSize = json.Int("intermediate_size", 11008),
            NumHiddenLayers = json.Int("num_hidden_layers", 32),
            NumAttentionHeads = heads,
            NumKeyValueHeads = kvHeads,
            HeadDim = json.IntOrNull("head_dim") ?? (heads > 0 ? hidden / heads : 0),
            HiddenAct = json.String("hidden_act", "silu"),
            MaxPositionEmbeddings = json.Int("max_position_embeddings", 2048),
            RmsNormEps = json.Double("rms_norm_eps", 1e-6),
            RopeTheta = json.DoubleOrNull("rope_theta") ?? ropeParameters?.DoubleOrNull("rope_theta") ?? 10000.0,
            RopeScalingType = scalingType == "default" ? null : scalingType,
            RopeScalingFactor = ropeScaling?.DoubleOrNull("factor"),
            AttentionBias = json.Bool("attention_bias", false),
            MlpBias = json.Bool("mlp_bias", false),
            TieWordEmbeddings = json.Bool("tie_word_embeddings", false),
            BosTokenId = json.Has("bos_token_id") ? json.Int("bos_token_id", 1) : 1,
            EosTokenIds = json.IntList("eos_token_id", [2]),
            PadTokenId = json.IntOrNull("pad_token_id"),
        };
        config.Check(json);
        return config;
    }

    private void Check(ConfigJson json)
    {
        if (NumAttentionHeads <= 0 || HiddenSize <= 0 || NumHiddenLayers <= 0 || VocabSize <= 0 || IntermediateSize <= 0)
            throw json.Error("hidden_size", "and the other sizes must be positive");
        if (!json.Has("head_dim") && HiddenSize % NumAttentionHeads != 0)
            throw json.Error("hidden_size", $"{HiddenSize} is not divisible by num_attention_heads {NumAttentionHeads}");
        if (NumKeyValueHeads <= 0 || NumAttentionHeads % NumKeyValueHeads != 0)
            throw json.Error("num_key_value_heads", $"{NumKeyValueHeads} must divide num_attention_heads {NumAttentionHeads}");
        if (HeadDim % 2 != 0)
            throw json.Error("head_dim", $"{HeadDim} must be even for rotary embeddings");
    }
}
