namespace Sieve.Chemistry.Substructure;

/// <summary>How <see cref="SubstructureSearch"/> enumerates matches. Defaults are RDKit's GetSubstructMatches defaults.</summary>
public sealed record SubstructureOptions
{
    public static readonly SubstructureOptions Default = new();

    /// <summary>Report matches covering the same set of target atoms once (RDKit uniquify=True).</summary>
    public bool Uniquify { get; init; } = true;

    /// <summary>Stop after this many raw matches (counted before uniquifying, as RDKit does).</summary>
    public int MaxMatches { get; init; } = 1000;

    /// <summary>Require tetrahedral parity of chiral query atoms (<c>@</c>/<c>@@</c>) to agree with the target.</summary>
    public bool UseChirality { get; init; }
}
