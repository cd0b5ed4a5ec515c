using Sieve.Markush.Matching;
using Sieve.Markush.Model;
using Sieve.Markush.Package;

namespace Sieve.Agents.PatentFinder;

/// <summary>What one step of the plan did, in a line (the pipeline's log; also carried in the report).</summary>
public sealed record StepLog(string Step, string Outcome);

/// <summary>Step 1, claims: the patent package read, its compound claims split into independent and dependent.</summary>
public sealed record ClaimsRead(
    PatentPackage Package,
    IReadOnlyList<Claim> Independent,
    IReadOnlyList<Claim> Dependent,
    IReadOnlyList<int> SpeciesClaims);

/// <summary>Step 2, Markush: the structure each compound claim defines (claims without a readable structure are
/// listed, not dropped).</summary>
public sealed record MarkushRead(
    ClaimsRead Claims,
    IReadOnlyDictionary<int, MarkushStructure> Structures,
    IReadOnlyList<int> WithoutStructure);

/// <summary>Step 3, match: the matcher's verdict over the patent and the full match result of every compound claim
/// (dependents included, so the verifier sees their evidence too).</summary>
public sealed record Matched(
    MarkushRead Markush,
    PatentVerdict Patent,
    IReadOnlyDictionary<int, MatchResult> Results);

/// <summary>One independent claim after verification, with its dependents verified the same way.</summary>
public sealed record VerifiedClaim(
    ClaimVerdict Claim,
    VerifiedVerdict Check,
    IReadOnlyList<VerifiedVerdict> Dependents,
    int? NarrowestCoveringClaim);

/// <summary>Step 4, verify: every verdict checked against its evidence; the overall verdict recomputed from what
/// stood.</summary>
public sealed record Verified(
    Matched Matched,
    Verdict Overall,
    IReadOnlyList<VerifiedClaim> Claims,
    IReadOnlyList<string> Notes);
