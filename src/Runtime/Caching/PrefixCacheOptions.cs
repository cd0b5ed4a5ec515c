namespace Sieve.Runtime.Caching;

/// <summary>The <c>Runtime:PrefixCache</c> section of appsettings.json: the KV prefix cache of each loaded model.</summary>
public sealed record PrefixCacheOptions
{
    /// <summary>2 GiB. LLaVA-1.5-7B holds 1 MiB of F32 keys and values per token (half in BF16): about 2,000 tokens of
    /// sessions in F32, 4,000 in BF16.</summary>
    public const long DefaultMaxBytes = 2L << 30;

    /// <summary>Bytes of keys and values kept per model at most; 0 disables reuse.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>Problems with the values, naming the setting (empty when valid).</summary>
    public IReadOnlyList<string> Validate() =>
        MaxBytes < 0 ? [$"Runtime:PrefixCache:MaxBytes is {MaxBytes}; expected 0 (off) or a byte count"] : [];
}
