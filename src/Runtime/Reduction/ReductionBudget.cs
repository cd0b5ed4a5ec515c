namespace Sieve.Runtime.Reduction;

/// <summary>How many of an image's tokens to keep: a fixed count (<c>dart:128</c>) or a fraction (<c>dart:0.25</c>).</summary>
public sealed record ReductionBudget(long? Tokens, double? Ratio)
{
    public static ReductionBudget OfTokens(long tokens) => new(tokens, null);
    public static ReductionBudget OfRatio(double ratio) => new(null, ratio);

    /// <summary>Tokens to keep of an image with <paramref name="imageTokens"/> tokens (never more than it has).</summary>
    public long For(long imageTokens) =>
        Math.Min(imageTokens, Tokens ?? (long)Math.Round(imageTokens * Ratio!.Value, MidpointRounding.AwayFromZero));

    public override string ToString() => Tokens?.ToString(System.Globalization.CultureInfo.InvariantCulture)
        ?? Ratio!.Value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
