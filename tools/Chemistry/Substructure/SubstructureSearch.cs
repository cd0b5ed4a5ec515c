using Sieve.Chemistry.Smarts;

namespace Sieve.Chemistry.Substructure;

/// <summary>Finds where a <see cref="QueryMolecule"/> (SMARTS or a molecule as a query) occurs in a perceived
/// target molecule, with RDKit's semantics (non-induced subgraph matches; uniquified by target atom set).</summary>
public static class SubstructureSearch
{
    /// <summary>All matches, each an array mapping query atom i to a target atom index.</summary>
    public static IReadOnlyList<int[]> FindMatches(Molecule target, QueryMolecule query, SubstructureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(query);
        options ??= SubstructureOptions.Default;
        var matcher = new Matcher(Prepare(target), query);
        return matcher.FindAll(options.Uniquify, options.MaxMatches, options.UseChirality);
    }

    /// <summary>Whether the query occurs at all; stops at the first match.</summary>
    public static bool HasMatch(Molecule target, QueryMolecule query, SubstructureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(query);
        var matcher = new Matcher(Prepare(target), query);
        return matcher.HasMatch(options?.UseChirality ?? false);
    }

    /// <summary>Number of matches (uniquified unless the options say otherwise).</summary>
    public static int CountMatches(Molecule target, QueryMolecule query, SubstructureOptions? options = null) =>
        FindMatches(target, query, options).Count;

    private static TargetView Prepare(Molecule target) => new(TargetData.For(target));
}
