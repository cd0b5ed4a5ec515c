using Sieve.Chemistry;
using Sieve.Markush.Chem;
using Sieve.Markush.Model;

namespace Sieve.Markush.Matching;

/// <summary>A Markush structure compiled for matching (scaffold read, choices expanded). Build once per claim,
/// reuse for every molecule.</summary>
public sealed class MarkushQuery
{
    internal MarkushQuery(CompiledMarkush compiled) => Compiled = compiled;
    internal CompiledMarkush Compiled { get; }
    public MarkushStructure Structure => Compiled.Structure;
    public IReadOnlyList<string> Problems => Compiled.Problems;
}

/// <summary>Decides whether a molecule falls inside a Markush structure: finds every scaffold embedding (symmetry
/// included), cuts out the substituent at each variable site, checks it against the site's definition, and checks
/// that unlabelled scaffold positions carry only what the drawing shows (implicit H means H).</summary>
public static class MarkushMatcher
{
    private const int MaxEmbeddings = 4096;
    private const int MaxAssignments = 4096;
    private const int MaxJudgements = 50_000;   // over all embeddings of one match: bounds the worst case

    public static MarkushQuery Compile(MarkushStructure structure) => new(CompiledMarkush.Compile(structure));

    // Compiled once per structure instance (claims hold their structures for the life of a package).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<MarkushStructure, MarkushQuery> Compiled = new();

    /// <summary>Matches against a structure, compiling it on first use and caching the compiled query.</summary>
    public static MatchResult Match(Molecule molecule, MarkushStructure structure) =>
        Match(molecule, Compiled.GetValue(structure, Compile));

    public static MatchResult Match(Molecule molecule, MarkushQuery query)
    {
        ArgumentNullException.ThrowIfNull(molecule);
        ArgumentNullException.ThrowIfNull(query);
        var s = query.Structure;
        var prep = Prepared.GetValue(molecule, Prepare);
        var (ctx, stripped, neutralized) = (prep.Context, prep.Stripped, prep.Neutralized);
        var notes = new List<string>(query.Problems);
        var run = new Run(ctx, s);
        foreach (var v in query.Compiled.Variants)
        {
            if (!Prefilter(v, ctx)) continue;
            run.Embed(v);
            if (run.Best?.Verdict == Verdict.Covered) break;
        }
        var best = run.Best;
        var verdict = best?.Verdict ?? (query.Compiled.Variants.Any(v => v.Undetermined) || query.Compiled.Variants.Count == 0 ? Verdict.Undetermined : Verdict.NotCovered);
        if (verdict == Verdict.NotCovered && query.Compiled.Incomplete)
        {
            // Some counts or choices were never tried (see the query's problems, already among the notes).
            verdict = Verdict.Undetermined;
            notes.Add("not every scaffold variant was tried, so an untried one might cover the molecule");
        }
        if (verdict == Verdict.NotCovered && run.Exhausted)
        {
            verdict = Verdict.Undetermined;
            notes.Add($"the search stopped after {run.Embeddings} scaffold embeddings and {run.Judgements} site assignments without finding a covering one");
        }
        if (verdict == Verdict.Covered && s.UnparsedProvisos.Count > 0)
        {
            verdict = Verdict.Undetermined;
            notes.AddRange(s.UnparsedProvisos.Select(p => $"proviso not read: '{p}'"));
        }
        if (verdict == Verdict.Covered && s.Unparsed.Count > 0)
        {
            verdict = Verdict.Undetermined;
            notes.AddRange(s.Unparsed.Select(p => $"claim text not read: '{p}'"));
        }
        if (stripped.Count > 0 && !s.IncludesSalts && verdict == Verdict.Covered)
        {
            verdict = Verdict.Undetermined;
            notes.Add("the molecule is a salt and the claim does not cover salts");
        }
        var summary = Summarise(verdict, best, run.Embeddings, stripped, s, query.Compiled.RepeatRanges);
        return new MatchResult(verdict, summary, s.FormulaName, () => prep.Smiles, stripped, neutralized, run.Embeddings, best, notes);
    }

    /// <summary>What matching needs from a molecule, computed once per molecule instance (molecules handed to the
    /// matcher are treated as read-only, as every Sieve reader's output is).</summary>
    private sealed record PreparedMolecule(MolContext Context, List<string> Stripped, List<string> Neutralized)
    {
        private string? _smiles;
        public string Smiles => _smiles ??= Context.Mol.AtomCount == 0 ? ""
            : FragmentSmiles.Canonical(Context.Mol, [.. Enumerable.Range(0, Context.Mol.AtomCount)], 0, -1);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Molecule, PreparedMolecule> Prepared = new();

    private static PreparedMolecule Prepare(Molecule molecule)
    {
        var stripped = new List<string>();
        var neutralized = new List<string>();
        var parent = SaltStripper.Strip(molecule, stripped, neutralized);
        return new PreparedMolecule(new MolContext(parent), stripped, neutralized);
    }

    private static bool Prefilter(CompiledVariant v, MolContext c)
    {
        if (v.Atoms.Count > c.Mol.AtomCount) return false;
        for (var z = 1; z < v.ElementNeeds.Length; z++)
            if (v.ElementNeeds[z] > c.ElementCounts[z]) return false;
        return true;
    }

    private static string Summarise(Verdict verdict, EmbeddingEvidence? best, int tried, List<string> stripped, MarkushStructure s,
        IReadOnlyList<string> repeatRanges)
    {
        var salt = stripped.Count > 0 ? $" (after removing {string.Join(", ", stripped)})" : "";
        var said = verdict.ToText();
        said = char.ToUpperInvariant(said[0]) + said[1..];
        // No structure at all (a formula only drawn, and the drawing unreadable): nothing was matched, nothing is absent.
        if (best is null && string.IsNullOrWhiteSpace(s.ScaffoldSmiles)) return $"{said}: formula ({s.FormulaName}) has no structure to match.";
        var ranges = repeatRanges.Count > 0 ? $" with {string.Join(", ", repeatRanges)}" : "";
        if (best is null) return $"{said}: the scaffold of formula ({s.FormulaName}){ranges} does not occur in the molecule{salt}.";
        var parts = best.Sites.Select(x => x.Status == Fit.Yes
            ? $"{x.Label} = {x.Substituent} is {x.Definition}"
            : $"{x.Label} = {x.Substituent} {(x.Status == Fit.No ? "fails" : "undetermined")}: {x.Reason}");
        var problems = best.Problems.Count > 0 ? (best.Sites.Count > 0 ? "; " : ": ") + string.Join("; ", best.Problems) : "";
        var counts = best.RepeatCounts.Count > 0 ? $" with {string.Join(", ", best.RepeatCounts)}" : "";
        return $"{said} by formula ({s.FormulaName}){counts}{salt}, best of {tried} embedding(s){(best.Sites.Count > 0 ? ": " : "")}{string.Join("; ", parts)}{problems}.";
    }

    /// <summary>State of one molecule × structure match: the embedding search and the best evidence so far.</summary>
    private sealed class Run(MolContext c, MarkushStructure s)
    {
        public EmbeddingEvidence? Best;
        private int _bestScore = int.MinValue;
        public int Embeddings;
        public int Judgements;
        public bool Exhausted => Embeddings >= MaxEmbeddings || Judgements >= MaxJudgements;
        private CompiledVariant _v = null!;
        private int[] _img = [];
        private bool[] _used = [];
        private int[] _queryOf = [];              // molecule atom -> query atom, -1 when not in the image

        public void Embed(CompiledVariant v)
        {
            _v = v;
            _img = new int[v.Atoms.Count];
            Array.Fill(_img, -1);
            _used = new bool[c.Mol.AtomCount];
            _queryOf = new int[c.Mol.AtomCount];
            Array.Fill(_queryOf, -1);
            Search(0);
        }

        private bool Done => Best?.Verdict == Verdict.Covered || Exhausted;

        private void Search(int k)
        {
            if (Done) return;
            if (k == _v.Order.Length) { Embeddings++; Evaluate(); return; }
            var q = _v.Order[k];
            var parent = -1;
            foreach (var x in _v.Adj[q]) if (_img[x] >= 0) { parent = x; break; }
            if (parent < 0)
            {
                for (var a = 0; a < c.Mol.AtomCount; a++) TryAtom(k, q, a);
            }
            else
                foreach (var a in c.Mol.Neighbors(_img[parent])) TryAtom(k, q, a);
        }

        private void TryAtom(int k, int q, int a)
        {
            if (_used[a] || Done) return;
            var qa = _v.Atoms[q];
            var ma = c.Mol.Atoms[a];
            if (ma.Element != qa.Element || ma.IsAromatic != qa.Aromatic || ma.Charge != qa.Charge || c.Mol.Degree(a) < qa.Degree) return;
            foreach (var x in _v.Adj[q])
            {
                if (_img[x] < 0) continue;
                var bond = c.Mol.BondBetween(a, _img[x]);
                if (bond is null || MolContext.Norm(bond) != _v.BondOrderBetween(q, x)) return;
            }
            _img[q] = a; _used[a] = true; _queryOf[a] = q;
            Search(k + 1);
            _img[q] = -1; _used[a] = false; _queryOf[a] = -1;
        }

        // ---- evaluation of one embedding ----

        private sealed record Slot(int Query, string Label, int PositionSite);

        private void Evaluate()
        {
            var problems = new List<string>();
            var mol = c.Mol;
            // Bonds between scaffold images that the formula does not draw.
            foreach (var b in mol.Bonds)
                if (_used[b.Begin] && _used[b.End])
                {
                    int qa = _queryOf[b.Begin], qb = _queryOf[b.End];
                    if (_v.BondOrderBetween(qa, qb) is null) problems.Add($"extra bond between scaffold atoms {Show(qa)} and {Show(qb)}");
                }
            // Each extra neighbour needs a slot: a terminal site of its scaffold atom or a position-variation site.
            var extras = new List<(int Query, int Atom)>();
            for (var q = 0; q < _img.Length; q++)
                foreach (var x in mol.Neighbors(_img[q]))
                    if (!_used[x]) extras.Add((q, x));
            var assignment = new Slot?[extras.Count];
            var assignments = 0;
            Assign(extras, assignment, 0, problems, ref assignments);
        }

        private string Show(int q) => _v.Atoms[q] switch
        {
            { ScaffoldIndex: < 0 } => "(linker)",
            { Copy: > 1 } a => $"#{a.ScaffoldIndex} (repeat copy {a.Copy})",
            var a => $"#{a.ScaffoldIndex}",
        };

        private void Assign(List<(int Query, int Atom)> extras, Slot?[] slots, int k, List<string> problems, ref int count)
        {
            if (Done || count >= MaxAssignments) return;
            if (k == extras.Count) { count++; Judgements++; Judge(extras, slots, problems); return; }
            var (q, atom) = extras[k];
            var qa = _v.Atoms[q];
            var any = false;
            foreach (var label in qa.Sites.Distinct())
            {
                var uses = 0; var have = 0;
                foreach (var l in qa.Sites) if (l == label) have++;
                for (var i = 0; i < k; i++) if (slots[i] is { } sl && sl.Query == q && sl.Label == label && sl.PositionSite < 0) uses++;
                if (uses >= have) continue;
                any = true;
                slots[k] = new Slot(q, label, -1);
                Assign(extras, slots, k + 1, problems, ref count);
            }
            foreach (var ps in qa.PositionSites)
            {
                var uses = 0; var here = false;
                for (var i = 0; i < k; i++)
                    if (slots[i] is { } sl && sl.PositionSite == ps) { uses++; if (sl.Query == q) here = true; }
                if (here || uses >= _v.PositionSites[ps].MaxCount) continue;
                any = true;
                slots[k] = new Slot(q, _v.PositionSites[ps].Label, ps);
                Assign(extras, slots, k + 1, problems, ref count);
            }
            if (!any)
            {
                // No slot: the molecule has a substituent where the claim draws H (or nothing). Record and go on so the
                // evidence still shows the other sites.
                slots[k] = null;
                Assign(extras, slots, k + 1, problems, ref count);
            }
            slots[k] = null;
        }

        private void Judge(List<(int Query, int Atom)> extras, Slot?[] slots, List<string> baseProblems)
        {
            var mol = c.Mol;
            var problems = new List<string>(baseProblems);
            var sites = new List<SiteEvidence>();
            var fitted = new Dictionary<string, (Frag? Frag, GroupSpec? Spec)>();
            // Substituent SMILES are written only for the embedding that ends up as evidence.
            var pending = new List<(int Site, HashSet<int> Atoms, int Root, int Anchor)>();
            // Components of the non-scaffold atoms.
            var comp = new int[mol.AtomCount];
            Array.Fill(comp, -1);
            var compAtoms = new List<HashSet<int>>();
            for (var i = 0; i < extras.Count; i++)
            {
                var start = extras[i].Atom;
                if (comp[start] >= 0) continue;
                var set = new HashSet<int> { start };
                var stack = new Stack<int>();
                stack.Push(start); comp[start] = compAtoms.Count;
                while (stack.Count > 0)
                {
                    var a = stack.Pop();
                    foreach (var x in mol.Neighbors(a))
                        if (!_used[x] && comp[x] < 0) { comp[x] = compAtoms.Count; set.Add(x); stack.Push(x); }
                }
                compAtoms.Add(set);
            }
            var attachments = new List<int>[compAtoms.Count];
            for (var i = 0; i < extras.Count; i++) (attachments[comp[extras[i].Atom]] ??= []).Add(i);
            var status = Fit.Yes;

            // Hydrogen / bond-order bookkeeping per scaffold atom.
            for (var q = 0; q < _img.Length; q++)
            {
                var qa = _v.Atoms[q];
                var ma = mol.Atoms[_img[q]];
                var expected = qa.Hydrogens;
                var terminalUsed = 0;
                for (var i = 0; i < extras.Count; i++)
                {
                    if (extras[i].Query != q) continue;
                    var order = (int)mol.BondBetween(_img[q], extras[i].Atom)!.Order;
                    if (order > 3) order = 1;
                    if (slots[i] is { PositionSite: >= 0 }) expected -= order;
                    else if (slots[i] is not null) { terminalUsed++; expected -= order - 1; }
                    else expected -= order;
                }
                expected += qa.Sites.Count - terminalUsed;
                var tautomeric = qa.Aromatic && qa.Element != 6;
                if (!tautomeric && qa.Hydrogens >= 0 && ma.TotalHydrogens != expected)
                    problems.Add($"scaffold atom {Show(q)} has {ma.TotalHydrogens} H, the formula implies {expected}");
            }
            for (var i = 0; i < extras.Count; i++)
                if (slots[i] is null)
                {
                    var f = Cut(compAtoms[comp[extras[i].Atom]], extras[i].Atom, _img[extras[i].Query]);
                    problems.Add($"substituent {FragmentSmiles.Write(mol, f.Atoms, f.Root)} on scaffold atom {Show(extras[i].Query)}, where the claim allows only H");
                }

            // Terminal sites with no substituent are H.
            for (var q = 0; q < _img.Length; q++)
            {
                var qa = _v.Atoms[q];
                foreach (var label in qa.Sites)
                {
                    var taken = 0; var have = 0;
                    foreach (var l in qa.Sites) if (l == label) have++;
                    for (var i = 0; i < extras.Count; i++) if (slots[i] is { } sl && sl.Query == q && sl.Label == label && sl.PositionSite < 0) taken++;
                    if (taken >= have) continue;
                    if (sites.Any(x => x.Label == label && x.MoleculeAtom == _img[q] && x.Substituent == "[H]")) continue;
                    sites.Add(HydrogenSite(label, _img[q], fitted, ref status));
                }
            }
            for (var ps = 0; ps < _v.PositionSites.Count; ps++)
            {
                var used = false;
                foreach (var sl in slots) if (sl is { } x && x.PositionSite == ps) used = true;
                if (!used) sites.Add(HydrogenSite(_v.PositionSites[ps].Label, null, fitted, ref status));
            }

            // Substituents.
            for (var k = 0; k < compAtoms.Count; k++)
            {
                var att = attachments[k];
                if (att.Any(i => slots[i] is null)) continue;
                if (att.Count == 1)
                {
                    var i = att[0];
                    var label = slots[i]!.Label;
                    var f = Cut(compAtoms[k], extras[i].Atom, _img[extras[i].Query]);
                    const string smi = "";
                    pending.Add((sites.Count, f.Atoms, f.Root, f.Anchor));
                    if (!s.Definitions.TryGetValue(label, out var def))
                    {
                        sites.Add(new SiteEvidence(label, _img[extras[i].Query], smi, Fit.Unknown, null, $"the claim gives no readable definition of {label}"));
                        status = Worse(status, Fit.Unknown);
                        continue;
                    }
                    var fit = GroupPredicates.CheckAny(c, def.Alternatives, f, out var spec, out var reason);
                    sites.Add(new SiteEvidence(label, _img[extras[i].Query], smi, fit, fit == Fit.Yes ? spec!.Text : spec?.Text, fit == Fit.Yes ? null : reason));
                    fitted[label] = (f, spec);
                    status = Worse(status, fit);
                    continue;
                }
                var labels = att.Select(i => slots[i]!.Label).ToList();
                var joint = s.JointRings.FirstOrDefault(j => j.Labels.Count == labels.Count && j.Labels.All(labels.Contains));
                if (joint is null)
                {
                    problems.Add($"one substituent {FragmentSmiles.Write(mol, compAtoms[k], extras[att[0]].Atom)} spans {string.Join(" and ", labels)}; the claim does not let them form a ring");
                    continue;
                }
                const string ringSmi = "";
                pending.Add((sites.Count, compAtoms[k], extras[att[0]].Atom, _img[extras[att[0]].Query]));
                var jfit = JointRing.Check(c, joint, compAtoms[k], att.Select(i => (extras[i].Atom, _img[extras[i].Query])).ToList(), out var jreason);
                sites.Add(new SiteEvidence(string.Join("+", labels), _img[extras[att[0]].Query], ringSmi, jfit, jfit == Fit.Yes ? joint.SourceText : null, jfit == Fit.Yes ? null : jreason));
                status = Worse(status, jfit);
                foreach (var l in labels) fitted[l] = (null, null);
            }
            if (problems.Count > 0) status = Fit.No;

            // Provisos.
            if (status != Fit.No)
                foreach (var p in s.Provisos)
                    if (Excluded(p, fitted))
                    {
                        problems.Add($"excluded by the proviso '{p.SourceText}'");
                        status = Fit.No;
                    }
            var verdict = status switch { Fit.Yes => Verdict.Covered, Fit.Unknown => Verdict.Undetermined, _ => Verdict.NotCovered };
            // A variant built on an assumption (a repeat count the claims do not define) cannot cover on its own.
            if (verdict == Verdict.Covered && _v.Undetermined) verdict = Verdict.Undetermined;
            var score = (verdict == Verdict.Covered ? 100000 : verdict == Verdict.Undetermined ? 50000 : 0)
                + sites.Count(x => x.Status == Fit.Yes) * 10 - sites.Count(x => x.Status == Fit.No) * 10 - problems.Count * 10;
            if (score <= _bestScore) return;
            _bestScore = score;
            var map = new Dictionary<int, int>();
            for (var q = 0; q < _img.Length; q++)
                if (_v.Atoms[q].ScaffoldIndex >= 0 && _v.Atoms[q].Copy == 1) map[_v.Atoms[q].ScaffoldIndex] = _img[q];
            foreach (var (site, atoms, root, anchor) in pending)
                sites[site] = sites[site] with { Substituent = FragmentSmiles.Canonical(mol, atoms, root, anchor) };
            var copies = new List<int>();
            for (var q = 0; q < _img.Length; q++)
                if (_v.Atoms[q].Copy > 1) copies.Add(_img[q]);
            copies.Sort();
            Best = new EmbeddingEvidence(verdict, _v.Choices, map, sites, problems) { RepeatCounts = _v.Repeats, RepeatCopyAtoms = copies };
        }

        private SiteEvidence HydrogenSite(string label, int? atom, Dictionary<string, (Frag? Frag, GroupSpec? Spec)> fitted, ref Fit status)
        {
            if (!s.Definitions.TryGetValue(label, out var def))
            {
                status = Worse(status, Fit.Unknown);
                return new SiteEvidence(label, atom, "[H]", Fit.Unknown, null, $"the claim gives no readable definition of {label}");
            }
            var h = def.Alternatives.FirstOrDefault(a => a is HydrogenGroup);
            if (h is not null) { fitted.TryAdd(label, (null, h)); return new SiteEvidence(label, atom, "[H]", Fit.Yes, h.Text, null); }
            var unknown = def.HasUnparsed;
            status = Worse(status, unknown ? Fit.Unknown : Fit.No);
            return new SiteEvidence(label, atom, "[H]", unknown ? Fit.Unknown : Fit.No, null,
                unknown ? "hydrogen is not among the readable alternatives; some alternatives could not be read" : $"{label} may not be hydrogen");
        }

        private bool Excluded(Proviso p, Dictionary<string, (Frag? Frag, GroupSpec? Spec)> fitted)
        {
            foreach (var (label, alts) in p.ExcludedWhen)
            {
                if (!fitted.TryGetValue(label, out var f)) return false;
                if (f.Frag is null)
                {
                    if (f.Spec is not HydrogenGroup || !alts.Any(a => a is HydrogenGroup)) return false;
                    continue;
                }
                if (GroupPredicates.CheckAny(c, alts, f.Frag.Value, out _, out _) != Fit.Yes) return false;
            }
            return true;
        }

        private static Frag Cut(HashSet<int> comp, int root, int anchor) => new(root, anchor, comp);

        private static Fit Worse(Fit a, Fit b) => a == Fit.No || b == Fit.No ? Fit.No : a == Fit.Unknown || b == Fit.Unknown ? Fit.Unknown : Fit.Yes;
    }
}
