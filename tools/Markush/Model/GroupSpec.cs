using System.Text.Json.Serialization;

namespace Sieve.Markush.Model;

/// <summary>One alternative in a variable's definition ("hydrogen", "C1-6 alkyl optionally substituted with
/// halogen", "N", "a bond"). <see cref="Text"/> keeps the claim words it was read from, so evidence can quote them.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(HydrogenGroup), "hydrogen")]
[JsonDerivedType(typeof(FragmentGroup), "fragment")]
[JsonDerivedType(typeof(GenericGroup), "generic")]
[JsonDerivedType(typeof(RingAtomGroup), "ringAtom")]
[JsonDerivedType(typeof(LinkerGroup), "linker")]
[JsonDerivedType(typeof(UnparsedGroup), "unparsed")]
public abstract record GroupSpec
{
    public required string Text { get; init; }
}

/// <summary>"hydrogen": the site carries nothing but H.</summary>
public sealed record HydrogenGroup : GroupSpec;

/// <summary>A named group with one fixed structure: SMILES with one <c>*</c> for the attachment point
/// ("methyl" = <c>*C</c>). <see cref="AnyPosition"/>: the parent ring may be attached through any atom that bears
/// H in the parent ("pyridyl" = pyridine attached anywhere); then <see cref="Smiles"/> has no <c>*</c>.</summary>
public sealed record FragmentGroup : GroupSpec
{
    public required string Name { get; init; }
    public required string Smiles { get; init; }
    public bool AnyPosition { get; init; }
    public Substitution? Substitution { get; init; }
}

/// <summary>Generic group kinds. Structural definitions are in docs on <see cref="GenericGroup"/> and the
/// package README; the predicates live in <c>Matching/GroupPredicates.cs</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GenericKind>))]
public enum GenericKind
{
    Alkyl, Alkenyl, Alkynyl, Cycloalkyl, Cycloalkenyl, Aryl, Heteroaryl, Heterocyclyl, Carbocyclyl,
    Halogen, Haloalkyl, Hydroxyalkyl, Alkoxy, Haloalkoxy, Hydroxy, Amino, Alkylamino, Dialkylamino,
    Nitro, Cyano, Carboxy, Alkoxycarbonyl, Acyl, Carbamoyl, Alkylsulfonyl, Sulfamoyl, Alkylthio, Oxo,
    Arylalkyl,
}

[JsonConverter(typeof(JsonStringEnumConverter<ChainShape>))]
public enum ChainShape
{
    /// <summary>"straight or branched" or unqualified.</summary>
    Any,
    /// <summary>"straight-chain", "linear", "n-".</summary>
    Straight,
    /// <summary>"branched" alone: at least one carbon with three or more carbon neighbours in the chain.</summary>
    Branched,
}

/// <summary>A generic (homology) group with its ranges. <see cref="MinCarbons"/>/<see cref="MaxCarbons"/> count
/// the carbons of the group itself (the alkyl part of alkoxy, all carbons of acyl including C=O), never those of
/// its optional substituents. Ring groups use <see cref="RingSizes"/> (size of the ring holding the attachment
/// atom; null = any) and the hetero-atom constraints (counted over the ring system).</summary>
public sealed record GenericGroup : GroupSpec
{
    public required GenericKind Group { get; init; }
    public int? MinCarbons { get; init; }
    public int? MaxCarbons { get; init; }
    public ChainShape Shape { get; init; }
    public IReadOnlyList<int>? RingSizes { get; init; }
    /// <summary>Ring system of exactly one ring ("monocyclic") when true; fused systems allowed when false.</summary>
    public bool Monocyclic { get; init; }
    public int? MinHeteroatoms { get; init; }
    public int? MaxHeteroatoms { get; init; }
    /// <summary>Allowed ring heteroatom elements (atomic numbers); null = any of N, O, S.</summary>
    public IReadOnlyList<int>? HeteroElements { get; init; }
    public Substitution? Substitution { get; init; }
}

/// <summary>"optionally substituted with one or more groups selected from …": what may hang on the group's
/// core, how many (null max = no limit). <see cref="MinCount"/> 0 means optional.</summary>
public sealed record Substitution(int MinCount, int? MaxCount, IReadOnlyList<GroupSpec> Allowed);

/// <summary>An atom-list member for a variable that is itself a scaffold atom ("X is N or CH"):
/// element, hydrogens it carries, aromatic unless stated; <see cref="SubstituentLabel"/> for "CR5".</summary>
public sealed record RingAtomGroup : GroupSpec
{
    public required int Element { get; init; }
    public required int Hydrogens { get; init; }
    public string? SubstituentLabel { get; init; }
    public int Charge { get; init; }
}

/// <summary>A divalent link for a variable with two scaffold neighbours: <see cref="Smiles"/> with two <c>*</c>
/// ("-CH2-" = <c>*C*</c>; "a bond" = empty). <see cref="RepeatVariable"/>: "(CH2)n" — <see cref="Smiles"/> is the
/// repeated unit and the count comes from the variable's range.</summary>
public sealed record LinkerGroup : GroupSpec
{
    public required string Smiles { get; init; }
    public string? RepeatVariable { get; init; }
}

/// <summary>Claim words that could not be turned into a structure. Kept so that a verdict that depends on them
/// is "undetermined", never silently "not covered" or "covered".</summary>
public sealed record UnparsedGroup : GroupSpec;
