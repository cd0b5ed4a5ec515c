namespace Sieve.Runtime.Generation;

/// <summary>How the next token is chosen and when generation stops.</summary>
public sealed record SamplingOptions
{
    /// <summary>Tokens generated at most (a stop token counts as one).</summary>
    public int MaxNewTokens { get; init; } = 256;

    /// <summary>Argmax at every step (the first maximum on ties, as torch.argmax); ignores temperature and top-p.</summary>
    public bool Greedy { get; init; } = true;

    /// <summary>Logits are divided by this before sampling (&gt; 0).</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Nucleus sampling: keep the most probable tokens whose mass reaches this (0 &lt; p ≤ 1; 1 keeps all).</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Seed of the sampling generator; the same seed, prompt and model give the same tokens.</summary>
    public ulong Seed { get; init; }

    /// <summary>Generation stops after emitting any of these (it is included in the output, as HF does).</summary>
    public IReadOnlySet<long> StopTokenIds { get; init; } = new HashSet<long>();

    /// <summary>Problems with the values, each naming the option (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxNewTokens < 1) problems.Add($"max new tokens is {MaxNewTokens}; expected at least 1");
        if (!Greedy && !(Temperature > 0)) problems.Add($"temperature is {Temperature}; expected > 0");
        if (!Greedy && !(TopP > 0 && TopP <= 1)) problems.Add($"top-p is {TopP}; expected 0 < p <= 1");
        return problems;
    }
}
