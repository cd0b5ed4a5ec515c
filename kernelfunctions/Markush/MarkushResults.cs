namespace Sieve.KernelFunctions.Markush;

/// <summary>One compound claim's Markush structure in compact form. Definitions map each label to its alternatives
/// as the claim words them; an alternative the parser could not read starts with "[unparsed] ". Unparsed and
/// unparsedProvisos hold whole clauses that were not read: they can make a verdict undetermined.</summary>
public sealed record ClaimMarkush(
    int Claim,
    bool Independent,
    IReadOnlyList<int> DependsOn,
    string? Formula,
    string Scaffold,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Definitions,
    IReadOnlyList<string> JointRings,
    IReadOnlyDictionary<string, string> Counts,
    IReadOnlyList<string> Provisos,
    IReadOnlyList<string> Unparsed,
    IReadOnlyList<string> UnparsedProvisos,
    bool IncludesSalts,
    bool IncludesSolvates,
    bool IncludesStereoisomers,
    IReadOnlyList<string> Problems);

/// <summary>Result of <c>parse_claims</c>.</summary>
public sealed record MarkushClaims(string? Patent, IReadOnlyList<ClaimMarkush> Claims, IReadOnlyList<string> Problems);

/// <summary>One variable site of the deciding embedding. Status: "inside" (the substituent fits the definition),
/// "outside" (it does not), "unknown" (the definition could not be read). Substituent is SMILES with * for the
/// scaffold atom, or "[H]"; moleculeAtom is the 0-based index of the scaffold atom in the matched molecule.</summary>
public sealed record SiteCheck(string Label, int? MoleculeAtom, string Substituent, string Status, string? Definition, string? Reason);

/// <summary>A dependent claim checked under an independent one.</summary>
public sealed record DependentCheck(int Claim, string Verdict, string Summary);

/// <summary>One independent claim (or the claim asked for) against the molecule. The evidence is the embedding that
/// decided (the covering one, else the closest miss): choices made inside the scaffold, scaffold atom -> molecule
/// atom, and every site. A verifier checks a verdict by reading the sites against the definitions.</summary>
public sealed record ClaimMatch(
    int Claim,
    string Verdict,
    string Summary,
    string Formula,
    string Scaffold,
    int? NarrowestCoveringClaim,
    IReadOnlyList<DependentCheck> Dependents,
    string MatchedMolecule,
    IReadOnlyList<string> Stripped,
    IReadOnlyList<string> Neutralized,
    int EmbeddingsTried,
    string? EvidenceVerdict,
    IReadOnlyList<string> Choices,
    IReadOnlyDictionary<int, int> ScaffoldToMolecule,
    IReadOnlyList<SiteCheck> Sites,
    IReadOnlyList<string> EvidenceProblems,
    IReadOnlyList<string> Unparsed,
    IReadOnlyList<string> Notes);

/// <summary>Result of <c>match</c>. Verdict is the best over the claims checked ("covered" if any covers);
/// narrowestCoveringClaim is the deepest dependent claim that still covers (or the covering independent claim).
/// Species claims (named compounds) are listed as not checked.</summary>
public sealed record MarkushMatchReport(
    string? Patent,
    string Molecule,
    string Verdict,
    IReadOnlyList<int> CoveringClaims,
    int? NarrowestCoveringClaim,
    IReadOnlyList<ClaimMatch> Claims,
    IReadOnlyList<int> SpeciesClaimsNotChecked,
    IReadOnlyList<string> Problems);
