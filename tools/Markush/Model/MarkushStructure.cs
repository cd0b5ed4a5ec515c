namespace Sieve.Markush.Model;

/// <summary>The definition of one variable (R1, X, Ar, …) as the claim gives it.</summary>
public sealed record VariableDefinition(string Label, IReadOnlyList<GroupSpec> Alternatives, string SourceText)
{
    public bool HasUnparsed => Alternatives.Any(a => a is UnparsedGroup);
}

/// <summary>"R1 and R2 together with the nitrogen atom to which they are attached form a 5- or 6-membered ring …":
/// an alternative for the pair, checked when one substituent spans both sites.</summary>
public sealed record JointRingDefinition(
    IReadOnlyList<string> Labels,
    IReadOnlyList<int> RingSizes,
    int MaxExtraHeteroatoms,
    IReadOnlyList<int> ExtraHeteroElements,
    bool AromaticAllowed,
    Substitution? Substitution,
    string SourceText);

/// <summary>An integer variable ("n is 0, 1, 2 or 3"; "n is an integer from 1 to 6"). <see cref="Values"/> is the
/// list when the claim lists values ("n is 1 or 3"); null means every integer from <see cref="Min"/> to <see cref="Max"/>.</summary>
public sealed record CountVariable(string Name, int Min, int Max, string SourceText)
{
    public IReadOnlyList<int>? Values { get; init; }

    /// <summary>Every integer from <see cref="Min"/> to <see cref="Max"/> is allowed ("1, 2 or 3" is; "1 or 3" is not).</summary>
    public bool IsContiguous => Values is null || Values.Count == Max - Min + 1;

    /// <summary>The values the claim allows, ascending.</summary>
    public IEnumerable<int> Allowed() => Values ?? Enumerable.Range(Min, Math.Max(0, Max - Min + 1));

    /// <summary>The allowed values for display: a range as "min{separator}max", a list as "1, 3".</summary>
    public string Describe(string rangeSeparator) => IsContiguous ? $"{Min}{rangeSeparator}{Max}" : string.Join(", ", Allowed());
}

/// <summary>A proviso that excludes compounds: excluded when every listed variable takes one of the listed
/// alternatives ("provided that when R1 is methyl, R2 is not hydrogen" → {R1: methyl, R2: hydrogen}).</summary>
public sealed record Proviso(IReadOnlyDictionary<string, IReadOnlyList<GroupSpec>> ExcludedWhen, string SourceText);

/// <summary>A Markush structure: a scaffold with labelled variable sites plus a definition per label.
/// <see cref="ScaffoldSmiles"/> is the CXSMILES the formula file holds (labels as <c>$…$</c> or atom maps).</summary>
public sealed record MarkushStructure
{
    public required string FormulaName { get; init; }
    public required string ScaffoldSmiles { get; init; }
    public IReadOnlyDictionary<string, VariableDefinition> Definitions { get; init; } = new Dictionary<string, VariableDefinition>();
    public IReadOnlyList<JointRingDefinition> JointRings { get; init; } = [];
    public IReadOnlyDictionary<string, CountVariable> Counts { get; init; } = new Dictionary<string, CountVariable>();
    public IReadOnlyList<Proviso> Provisos { get; init; } = [];
    /// <summary>Claim text that could not be read (whole clauses). Non-empty makes a "covered" verdict undetermined
    /// only where the text may matter (unparsed provisos always may).</summary>
    public IReadOnlyList<string> Unparsed { get; init; } = [];
    public IReadOnlyList<string> UnparsedProvisos { get; init; } = [];
    /// <summary>"or a pharmaceutically acceptable salt thereof".</summary>
    public bool IncludesSalts { get; init; }
    public bool IncludesSolvates { get; init; }
    public bool IncludesStereoisomers { get; init; }
}
