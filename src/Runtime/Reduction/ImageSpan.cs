namespace Sieve.Runtime.Reduction;

/// <summary>Where one image's features sit in the expanded prompt: sequence indices [Start, Start + Length).</summary>
public sealed record ImageSpan(long Start, long Length)
{
    public long End => Start + Length;
}
