using System.ComponentModel;
using Microsoft.SemanticKernel;
using Sieve.Chemistry;
using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Perception;
using Sieve.KernelFunctions.Chemistry;
using Sieve.KernelFunctions.Errors;
using Sieve.KernelFunctions.Paths;
using Sieve.KernelFunctions.Patents;
using Sieve.Markush.Matching;
using Sieve.Markush.Model;
using Sieve.Markush.Package;

namespace Sieve.KernelFunctions.Markush;

/// <summary>Markush claims: what each compound claim defines, and whether a molecule falls inside it, with the
/// site-by-site evidence. Thin over Sieve.Markush (ClaimParser, MarkushMatcher, PatentEvaluator).</summary>
public sealed class MarkushPlugin(AllowedRoot root)
{
    public const string PluginName = "markush";

    private readonly AllowedRoot _root = root ?? throw new ArgumentNullException(nameof(root));

    [KernelFunction("parse_claims")]
    [Description("The Markush structure of every compound claim of a patent: scaffold (CXSMILES, variable sites as labelled *), each label's alternatives as worded, ring closures, counts, provisos, and any text that could not be read.")]
    [return: Description("{patent, claims: [{claim, independent, dependsOn, formula, scaffold, definitions: {label: [alternative]}, jointRings, counts, provisos, unparsed, unparsedProvisos, includesSalts, includesSolvates, includesStereoisomers, problems}], problems}")]
    public MarkushClaims ParseClaims(
        [Description("Path of the patent folder (or .txt/.pdf claims; those have no drawn formulas) relative to the allowed root.")] string path)
    {
        var source = PatentSource.Open(_root, path, nameof(path));
        var claims = new List<ClaimMarkush>();
        foreach (var c in source.Claims.Claims)
            if (c.Kind == ClaimKind.Compound && c.Structure is not null) claims.Add(Compact(c, c.Structure));
        var problems = source.Problems.ToList();
        if (claims.Count == 0) problems.Add("no compound claim built on a drawn formula");
        return new MarkushClaims(source.Info.Number, claims, problems);
    }

    [KernelFunction("read_structure_image")]
    [Description("Reads a drawn chemical structure (PNG, JPEG or TIFF) into SMILES; a Markush drawing gives CXSMILES with its R-labels on the attachment atoms. Every structure in the image is returned separately, each with a confidence (0-1).")]
    [return: Description("{image, structures: [{smiles, markush, confidence}], failure}")]
    public StructureImageResult ReadStructureImage(
        [Description("Path of the image relative to the allowed root, e.g. 'patents/X/formulas/I.png'.")] string path)
    {
        var full = _root.Resolve(path, nameof(path));
        if (!File.Exists(full)) throw new ToolInputException(nameof(path), $"'{path}' does not exist");
        try
        {
            var result = Sieve.Ocsr.StructureReader.Read(full);
            return new StructureImageResult(path,
                result.Structures.Select(s => new DrawnStructure(s.Smiles, s.IsMarkush, s.Confidence)).ToList(), result.Failure);
        }
        catch (Sieve.Ocsr.OcsrException e)
        {
            throw new ToolInputException(nameof(path), $"'{path}': {e.Problem}");
        }
    }

    [KernelFunction("match")]
    [Description("Decides whether a molecule is covered by the patent's compound claims. Per independent claim (or only the claim given): verdict 'covered' | 'not covered' | 'undetermined', the narrowest dependent claim that still covers, and per variable site the substituent found, inside/outside/unknown, the definition and the reason.")]
    [return: Description("{patent, molecule, verdict, coveringClaims, narrowestCoveringClaim, claims: [{claim, verdict, summary, formula, scaffold, narrowestCoveringClaim, narrowestSites, dependents, matchedMolecule, stripped, neutralized, embeddingsTried, evidenceVerdict, choices, scaffoldToMolecule, sites: [{label, moleculeAtom, substituent, status, definition, reason, allowed}], evidenceProblems, unparsed, notes}], speciesClaimsNotChecked, problems}")]
    public MarkushMatchReport Match(
        [Description("Path of the patent folder (claims.txt + formulas/) relative to the allowed root.")] string path,
        [Description("The molecule as SMILES; salts and counter-ions are stripped before matching.")] string smiles,
        [Description("Optional claim number: check only this compound claim and the claims depending on it. Omit to check every independent compound claim.")] int? claim = null)
    {
        var source = PatentSource.Open(_root, path, nameof(path));
        if (source.Package is null)
            throw new ToolInputException(nameof(path), $"'{path}' is a {source.Kind} file without drawn formulas; matching needs a patent folder (claims.txt + formulas/)");
        var compound = source.Claims.Claims.Where(c => c.Kind == ClaimKind.Compound && c.Structure is not null && c.Structure.ScaffoldSmiles.Length > 0).ToList();
        if (compound.Count == 0)
            throw new ToolInputException(nameof(path), $"'{path}' has no compound claim built on a drawn formula; nothing to match");
        if (claim is int wanted && !compound.Any(c => c.Number == wanted))
            throw new ToolInputException(nameof(claim), $"claim {wanted} is not a compound claim with a drawn formula; those are {string.Join(", ", compound.Select(c => c.Number))}");
        var molecule = MoleculeArgument.Smiles(smiles, nameof(smiles));

        PatentVerdict verdict;
        try
        {
            verdict = PatentEvaluator.Evaluate(source.Package, molecule, claim);
        }
        catch (Exception e) when (e is ChemistryParseException or MoleculeException)
        {
            // A formula file the chemistry core cannot read: a defect of the patent package, not of the molecule.
            throw new ToolInputException(nameof(path), $"a drawn formula of '{path}' cannot be read ({e.Message})");
        }

        var claims = verdict.Claims.Select(c => Report(c, source.Claims)).ToList();
        var covering = verdict.Claims.Where(c => c.Verdict == Verdict.Covered).ToList();
        int? narrowest = covering.Count == 0 ? null : covering[0].NarrowestCoveringClaim ?? covering[0].Claim;
        return new MarkushMatchReport(
            verdict.Patent, CanonicalSmiles.Of(molecule), verdict.Verdict.ToText(),
            covering.Select(c => c.Claim).ToList(), narrowest, claims, verdict.SpeciesClaimsNotChecked, verdict.Problems)
        {
            Evaluation = verdict,
            PackageDirectory = Path.GetFullPath(source.Package.Directory),
        };
    }

    private static ClaimMatch Report(ClaimVerdict v, ClaimSet set)
    {
        var claim = set.Get(v.Claim)!;
        var r = v.Result;
        var e = r.Evidence;
        // The narrowest covering claim's own evidence, so its verdict can be checked site by site too.
        IReadOnlyList<SiteCheck> narrowestSites = [];
        if (v.NarrowestCoveringClaim is int n && set.Get(n)?.Structure is { } ns
            && v.Dependents.FirstOrDefault(d => d.Claim == n) is { } narrowest)
            narrowestSites = narrowest.Result.Evidence?.Sites.Select(s => Site(s, ns)).ToList() ?? [];
        return new ClaimMatch(
            v.Claim, v.Verdict.ToText(), r.Summary, r.Formula, claim.Structure?.ScaffoldSmiles ?? "",
            v.NarrowestCoveringClaim, narrowestSites,
            v.Dependents.Select(d => new DependentCheck(d.Claim, d.Verdict.ToText(), d.Summary)).ToList(),
            r.MoleculeSmiles, r.Stripped, r.Neutralized, r.EmbeddingsTried,
            e?.Verdict.ToText(), e?.Choices ?? [], e?.ScaffoldToMolecule ?? new Dictionary<int, int>(),
            e?.Sites.Select(s => Site(s, claim.Structure)).ToList() ?? [],
            e?.Problems ?? [],
            [.. claim.Structure?.Unparsed ?? [], .. claim.Structure?.UnparsedProvisos ?? []],
            r.Notes);
    }

    private static SiteCheck Site(SiteEvidence s, MarkushStructure? structure) => new(s.Label, s.MoleculeAtom, s.Substituent, s.Status switch
    {
        Fit.Yes => "inside",
        Fit.No => "outside",
        _ => "unknown",
    }, s.Definition, s.Reason, Alternatives(structure, s.Label));

    private static IReadOnlyList<string> Alternatives(MarkushStructure? s, string label) =>
        s is not null && s.Definitions.TryGetValue(label, out var d) ? AlternativeTexts(d) : [];

    private static List<string> AlternativeTexts(VariableDefinition d) =>
        d.Alternatives.Select(a => a is UnparsedGroup ? "[unparsed] " + a.Text : a.Text).ToList();

    private static ClaimMarkush Compact(Claim c, MarkushStructure s)
    {
        var problems = new List<string>();
        if (s.ScaffoldSmiles.Length == 0)
            problems.Add($"formula {c.FormulaName ?? "(none cited)"} is not available as a structure");
        else
        {
            try
            {
                problems.AddRange(MarkushMatcher.Compile(s).Problems);
            }
            catch (Exception e) when (e is ChemistryParseException or MoleculeException)
            {
                problems.Add($"formula {s.FormulaName} cannot be read: {e.Message}");
            }
        }
        return new ClaimMarkush(
            c.Number, c.IsIndependent, c.DependsOn, c.FormulaName ?? s.FormulaName, s.ScaffoldSmiles,
            s.Definitions.OrderBy(d => d.Key, StringComparer.Ordinal).ToDictionary(
                d => d.Key,
                d => (IReadOnlyList<string>)AlternativeTexts(d.Value),
                StringComparer.Ordinal),
            s.JointRings.Select(j => $"{string.Join("+", j.Labels)}: {j.SourceText}").ToList(),
            s.Counts.OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(k => k.Key, k => k.Value.Describe("-"), StringComparer.Ordinal),
            s.Provisos.Select(p => p.SourceText).ToList(),
            s.Unparsed, s.UnparsedProvisos, s.IncludesSalts, s.IncludesSolvates, s.IncludesStereoisomers,
            problems);
    }
}
