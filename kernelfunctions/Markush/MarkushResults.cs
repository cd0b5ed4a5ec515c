using System.Text.Json.Serialization;
using Sieve.Markush.Package;

namespace Sieve.KernelFunctions.Markush;

/// <summary>One compound claim's Markush structure in compact form. Definitions map each label to its alternatives
/// as the claim words them; an alternative the parser could not read starts with "[unparsed] ". Unparsed and
/// unparsedProvisos hold whole clauses that were not read: they can make a verdict undetermined.</summary>
public sealed record ClaimMarkush(
    [property: JsonPropertyName("claim")] int Claim,
    [property: JsonPropertyName("independent")] bool Independent,
    [property: JsonPropertyName("dependsOn")] IReadOnlyList<int> DependsOn,
    [property: JsonPropertyName("formula")] string? Formula,
    [property: JsonPropertyName("scaffold")] string Scaffold,
    [property: JsonPropertyName("definitions")] IReadOnlyDictionary<string, IReadOnlyList<string>> Definitions,
    [property: JsonPropertyName("jointRings")] IReadOnlyList<string> JointRings,
    [property: JsonPropertyName("counts")] IReadOnlyDictionary<string, string> Counts,
    [property: JsonPropertyName("provisos")] IReadOnlyList<string> Provisos,
    [property: JsonPropertyName("unparsed")] IReadOnlyList<string> Unparsed,
    [property: JsonPropertyName("unparsedProvisos")] IReadOnlyList<string> UnparsedProvisos,
    [property: JsonPropertyName("includesSalts")] bool IncludesSalts,
    [property: JsonPropertyName("includesSolvates")] bool IncludesSolvates,
    [property: JsonPropertyName("includesStereoisomers")] bool IncludesStereoisomers,
    [property: JsonPropertyName("problems")] IReadOnlyList<string> Problems);

/// <summary>Result of <c>parse_claims</c>.</summary>
public sealed record MarkushClaims([property: JsonPropertyName("patent")] string? Patent, [property: JsonPropertyName("claims")] IReadOnlyList<ClaimMarkush> Claims, [property: JsonPropertyName("problems")] IReadOnlyList<string> Problems);

/// <summary>One variable site of the deciding embedding. Status: "inside" (the substituent fits the definition),
/// "outside" (it does not), "unknown" (the definition could not be read). Substituent is SMILES with * for the
/// scaffold atom, or "[H]"; moleculeAtom is the 0-based index of the scaffold atom in the matched molecule;
/// definition is the alternative that fits (null when none does); allowed lists every alternative the claim gives
/// for the label, so an "outside" can be checked against all of them.</summary>
public sealed record SiteCheck(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("moleculeAtom")] int? MoleculeAtom,
    [property: JsonPropertyName("substituent")] string Substituent,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("definition")] string? Definition,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("allowed")] IReadOnlyList<string> Allowed);

/// <summary>A dependent claim checked under an independent one.</summary>
public sealed record DependentCheck([property: JsonPropertyName("claim")] int Claim, [property: JsonPropertyName("verdict")] string Verdict, [property: JsonPropertyName("summary")] string Summary);

/// <summary>One independent claim (or the claim asked for) against the molecule. The evidence is the embedding that
/// decided (the covering one, else the closest miss): choices made inside the scaffold, scaffold atom -> molecule
/// atom, and every site. A verifier checks a verdict by reading the sites against the definitions. When a dependent
/// claim covers, narrowestSites is the same site evidence for the narrowest one.</summary>
public sealed record ClaimMatch(
    [property: JsonPropertyName("claim")] int Claim,
    [property: JsonPropertyName("verdict")] string Verdict,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("formula")] string Formula,
    [property: JsonPropertyName("scaffold")] string Scaffold,
    [property: JsonPropertyName("narrowestCoveringClaim")] int? NarrowestCoveringClaim,
    [property: JsonPropertyName("narrowestSites")] IReadOnlyList<SiteCheck> NarrowestSites,
    [property: JsonPropertyName("dependents")] IReadOnlyList<DependentCheck> Dependents,
    [property: JsonPropertyName("matchedMolecule")] string MatchedMolecule,
    [property: JsonPropertyName("stripped")] IReadOnlyList<string> Stripped,
    [property: JsonPropertyName("neutralized")] IReadOnlyList<string> Neutralized,
    [property: JsonPropertyName("embeddingsTried")] int EmbeddingsTried,
    [property: JsonPropertyName("evidenceVerdict")] string? EvidenceVerdict,
    [property: JsonPropertyName("choices")] IReadOnlyList<string> Choices,
    [property: JsonPropertyName("scaffoldToMolecule")] IReadOnlyDictionary<int, int> ScaffoldToMolecule,
    [property: JsonPropertyName("sites")] IReadOnlyList<SiteCheck> Sites,
    [property: JsonPropertyName("evidenceProblems")] IReadOnlyList<string> EvidenceProblems,
    [property: JsonPropertyName("unparsed")] IReadOnlyList<string> Unparsed,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes);

/// <summary>Result of <c>match</c>. Verdict is the best over the claims checked ("covered" if any covers);
/// narrowestCoveringClaim is the deepest dependent claim that still covers (or the covering independent claim).
/// Species claims (named compounds) are listed as not checked. <see cref="Evaluation"/> and
/// <see cref="PackageDirectory"/> are not serialized: a model never sees them, but a function-invocation filter can
/// keep the matcher's own evidence from the very call the model made (the agents' verifier checks verdicts against
/// it).</summary>
public sealed record MarkushMatchReport(
    [property: JsonPropertyName("patent")] string? Patent,
    [property: JsonPropertyName("molecule")] string Molecule,
    [property: JsonPropertyName("verdict")] string Verdict,
    [property: JsonPropertyName("coveringClaims")] IReadOnlyList<int> CoveringClaims,
    [property: JsonPropertyName("narrowestCoveringClaim")] int? NarrowestCoveringClaim,
    [property: JsonPropertyName("claims")] IReadOnlyList<ClaimMatch> Claims,
    [property: JsonPropertyName("speciesClaimsNotChecked")] IReadOnlyList<int> SpeciesClaimsNotChecked,
    [property: JsonPropertyName("problems")] IReadOnlyList<string> Problems)
{
    /// <summary>The matcher's verdict with its full evidence, as computed by this call.</summary>
    [JsonIgnore] public PatentVerdict? Evaluation { get; init; }

    /// <summary>Full path of the patent package this call read.</summary>
    [JsonIgnore] public string? PackageDirectory { get; init; }
}
