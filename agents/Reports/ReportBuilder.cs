using System.Reflection;
using Sieve.Agents.PatentFinder;
using Sieve.Chemistry;
using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Descriptors;
using Sieve.Markush.Matching;

namespace Sieve.Agents.Reports;

/// <summary>Turns verified results into an <see cref="InfringementReport"/>: only verdicts that stood, each with
/// the evidence that backs it and the drawings of scaffold and molecule.</summary>
public static class ReportBuilder
{
    public static string SieveVersion { get; } =
        typeof(ReportBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ReportBuilder).Assembly.GetName().Version?.ToString() ?? "unknown";

    public static InfringementReport Build(Verified verified, MoleculeSource molecule, IReadOnlyList<StepLog> steps, TimeProvider clock)
    {
        var package = verified.Matched.Markush.Claims.Package;
        var parentToInput = ParentToInput(molecule.Molecule);
        var first = verified.Matched.Patent.Claims.Select(c => c.Result).FirstOrDefault();
        var images = FormulaImages.From(package);
        var claims = verified.Claims.Select(c => Claim(c, verified.Matched, molecule, parentToInput, images)).ToList();
        var info = package.Info;
        return new InfringementReport
        {
            SieveVersion = SieveVersion,
            GeneratedAt = clock.GetUtcNow(),
            Patent = new PatentSection(Path.GetFileName(Path.TrimEndingDirectorySeparator(package.Directory)), info.Number, info.Title,
                info.Assignee, info.PriorityDate, info.PublicationDate, info.Notes),
            Molecule = new MoleculeSection(
                molecule.Input,
                CanonicalSmiles.Of(molecule.Molecule),
                MolecularFormula.Of(molecule.Molecule),
                first?.MoleculeSmiles ?? CanonicalSmiles.Of(molecule.Molecule),
                first?.Stripped ?? [],
                first?.Neutralized ?? [],
                Depictions.Draw(molecule.Molecule, molecule.Structure, [])),
            Verdict = verified.Overall,
            Summary = Summarise(verified, claims),
            Claims = claims,
            SpeciesClaimsNotChecked = verified.Matched.Patent.SpeciesClaimsNotChecked,
            ClaimsWithoutStructure = verified.Matched.Markush.WithoutStructure,
            VerifierNotes = verified.Notes,
            FormulaImages = images,
            Problems = verified.Matched.Patent.Problems,
            Steps = steps,
        };
    }

    private static ClaimSection Claim(VerifiedClaim vc, Matched matched, MoleculeSource molecule, int[] parentToInput,
        IReadOnlyList<FormulaImageSection> images)
    {
        var c = vc.Claim;
        var r = c.Result;
        var structure = matched.Markush.Structures[c.Claim];
        var e = r.Evidence;
        var pairs = e is null ? [] : e.ScaffoldToMolecule.OrderBy(p => p.Key)
            .Select(p => new AtomPair(p.Key, p.Value >= 0 && p.Value < parentToInput.Length ? parentToInput[p.Value] : p.Value)).ToList();
        // Atoms matched by later copies of a bracketed repeat unit are highlighted with the scaffold's own.
        var copies = e is null ? [] : e.RepeatCopyAtoms.Select(a => a >= 0 && a < parentToInput.Length ? parentToInput[a] : a).ToList();
        var unparsed = new List<string>();
        // A formula only drawn, and the drawing unreadable: the reason comes first, it is why the claim is undetermined.
        if (FormulaImages.FailureOf(images, r.Formula) is { } unread) unparsed.Add(unread);
        unparsed.AddRange(structure.Unparsed.Select(u => $"claim text not read: '{u}'"));
        unparsed.AddRange(structure.UnparsedProvisos.Select(u => $"proviso not read: '{u}'"));
        foreach (var n in r.Notes) if (!unparsed.Contains(n)) unparsed.Add(n);
        // An unreadable alternative matters where a site did not fit what could be read: it might have covered it.
        if (e is not null)
            foreach (var site in e.Sites)
                if (site.Status != Fit.Yes && structure.Definitions.TryGetValue(site.Label, out var d))
                    foreach (var g in d.Alternatives.OfType<Sieve.Markush.Model.UnparsedGroup>())
                    {
                        var line = $"definition of {site.Label} not read: '{g.Text}'";
                        if (!unparsed.Contains(line)) unparsed.Add(line);
                    }
        return new ClaimSection
        {
            Claim = c.Claim,
            Verdict = vc.Check.Verdict,
            Proposed = vc.Check.Proposed,
            Rejection = vc.Check.Rejection,
            Summary = r.Summary,
            Formula = r.Formula,
            FormulaSource = FormulaImages.SourceOf(images, r.Formula),
            NarrowestCoveringClaim = vc.NarrowestCoveringClaim,
            Dependents = [.. c.Dependents.Select(d =>
            {
                var check = vc.Dependents.First(x => x.Claim == d.Claim);
                return new DependentSection(d.Claim, check.Verdict, check.Proposed, d.Summary, check.Rejection);
            })],
            EmbeddingsTried = r.EmbeddingsTried,
            Choices = e?.Choices ?? [],
            RGroups = e is null ? [] : [.. e.Sites.OrderBy(x => LabelKey(x.Label).Prefix, StringComparer.Ordinal).ThenBy(x => LabelKey(x.Label).Number).ThenBy(x => x.Label, StringComparer.Ordinal).Select(s => new RGroupSection(s.Label, s.Substituent,
                s.MoleculeAtom is { } a && a >= 0 && a < parentToInput.Length ? parentToInput[a] : s.MoleculeAtom,
                structure.Definitions.TryGetValue(s.Label, out var def) ? Oneline(def.SourceText) : null, s.Definition, s.Status, s.Reason))],
            ScaffoldProblems = e?.Problems ?? [],
            Unparsed = unparsed,
            ScaffoldToMolecule = pairs,
            RepeatCopyAtoms = copies,
            Scaffold = Depictions.DrawSmiles(structure.ScaffoldSmiles, [.. pairs.Select(p => p.Scaffold)]),
            Molecule = Depictions.Draw(molecule.Molecule, molecule.Structure, [.. pairs.Select(p => p.Molecule), .. copies]),
        };
    }

    private static string Oneline(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Sorts labels as a chemist reads them: R1, R2, R10, X.</summary>
    private static (string Prefix, int Number) LabelKey(string label)
    {
        var i = label.Length;
        while (i > 0 && char.IsAsciiDigit(label[i - 1])) i--;
        return (label[..i], i < label.Length && int.TryParse(label[i..], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1);
    }

    /// <summary>The matcher works on the salt-stripped parent: its largest component (first on a tie), atoms in
    /// input order. This maps parent atom i back to the input molecule's atom, so highlights land on the drawing of
    /// what the user gave.</summary>
    private static int[] ParentToInput(Molecule m)
    {
        if (m.AtomCount == 0) return [];
        var comps = m.Components();
        var keep = comps[0];
        foreach (var c in comps) if (c.Count > keep.Count) keep = c;
        return [.. keep];
    }

    /// <summary>The short reason a claim misses: the failing sites, else the scaffold problems, else absence.</summary>
    private static string WhyNot(ClaimSection c)
    {
        var failing = c.RGroups.Where(g => g.Status == Fit.No).Select(g => $"{g.Label} = {g.Substituent} is outside its definition").ToList();
        if (failing.Count > 0) return string.Join(", ", failing);
        if (c.ScaffoldProblems.Count > 0) return string.Join("; ", c.ScaffoldProblems);
        return c.ScaffoldToMolecule.Count == 0 ? $"the scaffold of formula ({c.Formula}) does not occur in the molecule" : c.Summary;
    }

    private static string Summarise(Verified v, IReadOnlyList<ClaimSection> claims)
    {
        var covering = claims.Where(c => c.Verdict == Verdict.Covered).ToList();
        if (v.Overall == Verdict.Covered)
        {
            var parts = covering.Select(c => c.NarrowestCoveringClaim is { } n
                ? $"claim {c.Claim} covers the molecule; the narrowest covering dependent claim is {n}"
                : $"claim {c.Claim} covers the molecule; no dependent claim narrows it");
            return $"Covered: {string.Join("; ", parts)}.";
        }
        if (claims.Count == 0) return "Undetermined: the patent has no independent compound claim that could be checked.";
        if (v.Overall == Verdict.Undetermined)
        {
            var open = claims.Where(c => c.Verdict == Verdict.Undetermined).Select(c =>
                $"claim {c.Claim}: {c.Rejection ?? (c.Unparsed.Count > 0 ? string.Join("; ", c.Unparsed) : "see its evidence")}");
            return $"Undetermined: no claim is shown to cover the molecule, and some could not be decided ({string.Join("; ", open)}).";
        }
        return $"Not covered: no independent claim covers the molecule ({string.Join("; ", claims.Select(c => $"claim {c.Claim}: {WhyNot(c)}"))}).";
    }
}
