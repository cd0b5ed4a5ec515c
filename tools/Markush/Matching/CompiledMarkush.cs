using Sieve.Chemistry;
using Sieve.Markush.Chem;
using Sieve.Markush.Model;

namespace Sieve.Markush.Matching;

/// <summary>One scaffold atom in a compiled query. <see cref="Hydrogens"/> is what the drawn scaffold implies
/// (the atom's H in the drawing, with every variable site counted as a neighbour); -1 = not checked.</summary>
internal sealed class QueryAtom
{
    public int Element;
    public bool Aromatic;
    public int Charge;
    public int Hydrogens;
    public int Degree;                        // scaffold (core) neighbours
    public List<string> Sites = [];           // terminal variable sites on this atom (labels)
    public List<int> PositionSites = [];      // indices into CompiledVariant.PositionSites naming this atom a candidate
    public int ScaffoldIndex;                 // atom index in the formula as drawn (-1 for atoms a linker added)
    public int Copy = 1;                      // which copy of a bracketed repeat unit (1 = as drawn)
}

internal sealed record QueryBond(int A, int B, BondOrder Order);

/// <summary>A site drawn to a ring ("m:" position variation): up to <see cref="MaxCount"/> of the candidate
/// atoms carry the group; the rest keep their H.</summary>
internal sealed record PositionSite(string Label, int MaxCount);

/// <summary>One concrete scaffold: every in-scaffold variable (ring atom lists, linkers, (CH2)n) fixed to one choice.</summary>
internal sealed class CompiledVariant
{
    public List<QueryAtom> Atoms = [];
    public List<QueryBond> Bonds = [];
    public List<PositionSite> PositionSites = [];
    public List<string> Choices = [];         // "X = N", "n = 2" — evidence
    public List<string> Repeats = [];         // the bracketed repeat counts among the choices ("n = 2")
    public bool Undetermined;                 // a choice came from unreadable text or an assumed repeat range
    public int[][] Adj = [];                  // neighbours per query atom
    public int[] Order = [];                  // matching order (each atom after the first has an earlier neighbour, per component)
    public int[] ElementNeeds = [];           // per element count, for the prefilter
    private BondOrder[] _bondMatrix = [];     // Zero = no bond; n×n over query atoms

    public void Finish()
    {
        var adj = new List<int>[Atoms.Count];
        for (var i = 0; i < adj.Length; i++) adj[i] = [];
        foreach (var b in Bonds) { adj[b.A].Add(b.B); adj[b.B].Add(b.A); }
        Adj = [.. adj.Select(l => l.ToArray())];
        for (var i = 0; i < Atoms.Count; i++) Atoms[i].Degree = Adj[i].Length;
        // Start from the rarest-element, best-connected atom; then breadth-first.
        var seen = new bool[Atoms.Count];
        var order = new List<int>();
        while (order.Count < Atoms.Count)
        {
            var start = -1;
            for (var i = 0; i < Atoms.Count; i++)
                if (!seen[i] && (start < 0 || Score(i) > Score(start))) start = i;
            seen[start] = true; order.Add(start);
            for (var k = order.Count - 1; k < order.Count; k++)
                foreach (var x in Adj[order[k]])
                    if (!seen[x]) { seen[x] = true; order.Add(x); }
        }
        Order = [.. order];
        var n = Atoms.Count;
        _bondMatrix = new BondOrder[n * n];
        foreach (var b in Bonds) { _bondMatrix[b.A * n + b.B] = b.Order; _bondMatrix[b.B * n + b.A] = b.Order; }
        ElementNeeds = new int[Elements.MaxAtomicNumber + 1];
        foreach (var a in Atoms) ElementNeeds[a.Element]++;
    }

    private int Score(int i) => (Atoms[i].Element == 6 ? 0 : 100) + Adj[i].Length * 10 + (Atoms[i].Aromatic ? 0 : 1);

    public BondOrder? BondOrderBetween(int a, int b)
    {
        var o = _bondMatrix[a * Atoms.Count + b];
        return o == BondOrder.Zero ? null : o;
    }
}

/// <summary>A Markush structure compiled once for matching many molecules: the scaffold read, its variable sites
/// classified, and every in-scaffold choice expanded into a <see cref="CompiledVariant"/>.</summary>
internal sealed class CompiledMarkush
{
    public required MarkushStructure Structure { get; init; }
    public List<CompiledVariant> Variants { get; } = [];
    public List<string> Problems { get; } = [];
    /// <summary>Per bracketed repeat unit, the counts tried ("n = 1 to 4"), for a summary that found no embedding.</summary>
    public List<string> RepeatRanges { get; } = [];

    public static string? SiteLabel(Atom a)
    {
        if (a.Element != 0) return null;
        if (!string.IsNullOrEmpty(a.Label)) return a.Label;
        return a.AtomMap > 0 ? "R" + a.AtomMap : null;
    }

    public static CompiledMarkush Compile(MarkushStructure s)
    {
        var cm = new CompiledMarkush { Structure = s };
        if (string.IsNullOrWhiteSpace(s.ScaffoldSmiles)) { cm.Problems.Add($"no drawn formula ({s.FormulaName})"); return cm; }
        Molecule drawn;
        try { drawn = MoleculeInput.FromSmiles(s.ScaffoldSmiles); }
        catch (Exception e) when (e is ChemistryParseException or InvalidOperationException)
        {
            cm.Problems.Add($"formula ({s.FormulaName}) could not be read: {e.Message}");
            return cm;
        }
        // Bracketed repeat units first: each count is written out as real atoms, then the in-scaffold choices of
        // that molecule are expanded as for any drawn formula.
        var repeats = RepeatCounts.For(drawn, s, cm);
        if (repeats.Any(r => r.Count == 0)) return cm;
        var pickCount = new int[repeats.Count];
        while (true)
        {
            var counts = repeats.Select((r, i) => r[pickCount[i]]).ToList();
            var mol = RepeatExpansion.Expand(drawn, [.. counts.Select(c => c.Count)], out var origin, out var why);
            if (mol is null)
            {
                // A count that stands for no molecule (k = 0 across a ring bond), or a unit that is no chain link at
                // all (then every count fails, no variant is left and the verdict is undetermined).
                cm.Problem(why!);
            }
            else ExpandChoices(cm, mol, origin, counts);
            var k = 0;
            while (k < pickCount.Length && ++pickCount[k] == repeats[k].Count) { pickCount[k] = 0; k++; }
            if (k == pickCount.Length) break;
            if (cm.Variants.Count > MaxVariants)
            {
                cm.Problem($"more than {MaxVariants} scaffold variants; the rest were not tried");
                cm.Incomplete = true;
                break;
            }
        }
        return cm;
    }

    private const int MaxVariants = 512;

    /// <summary>Whether some candidates were never tried (variant cap, repeat counts cut off or assumed): then a
    /// molecule no variant covers is undetermined, not outside the claim.</summary>
    public bool Incomplete { get; set; }

    internal void Problem(string text) { if (!Problems.Contains(text)) Problems.Add(text); }

    private static void ExpandChoices(CompiledMarkush cm, Molecule mol, (int Atom, int Copy)[] origin, List<RepeatCount> counts)
    {
        var s = cm.Structure;
        var pvAtoms = new Dictionary<int, PositionVariation>();
        foreach (var pv in mol.PositionVariations) pvAtoms[pv.Atom] = pv;

        // Classify the star atoms.
        var inScaffold = new List<int>();
        for (var i = 0; i < mol.AtomCount; i++)
        {
            var a = mol.Atoms[i];
            if (a.Element != 0) continue;
            var label = SiteLabel(a);
            if (label is null) { cm.Problem($"unlabelled * at atom {origin[i].Atom}"); continue; }
            if (!pvAtoms.ContainsKey(i) && mol.Degree(i) >= 2) inScaffold.Add(i);
        }
        // Expand in-scaffold choices as a cartesian product.
        var choices = new List<List<(string Text, GroupSpec? Spec, int Repeat)>>();
        foreach (var i in inScaffold)
        {
            var label = SiteLabel(mol.Atoms[i])!;
            var opts = new List<(string, GroupSpec?, int)>();
            var rep = System.Text.RegularExpressions.Regex.Match(label, @"^\(CH2\)([a-z])$");
            if (rep.Success)
            {
                if (s.Counts.TryGetValue(rep.Groups[1].Value, out var cv))
                    foreach (var n in cv.Allowed()) opts.Add(($"{rep.Groups[1].Value} = {n}", new LinkerGroup { Text = label, Smiles = "C" }, n));
                else opts.Add(($"{rep.Groups[1].Value} undefined", null, 0));
            }
            else if (s.Definitions.TryGetValue(label, out var def))
            {
                foreach (var alt in def.Alternatives)
                {
                    if (alt is LinkerGroup { RepeatVariable: { } rv } lg)
                    {
                        if (s.Counts.TryGetValue(rv, out var cv))
                            foreach (var n in cv.Allowed()) opts.Add(($"{label} = {alt.Text}, {rv} = {n}", lg, n));
                        else opts.Add(($"{label}: {rv} undefined", null, 0));
                    }
                    else if (alt is LinkerGroup or RingAtomGroup) opts.Add(($"{label} = {alt.Text}", alt, 1));
                    else opts.Add(($"{label} = {alt.Text} (not a ring atom or linker)", null, 0));
                }
            }
            else opts.Add(($"{label} has no definition", null, 0));
            choices.Add(opts);
        }
        var pick = new int[choices.Count];
        while (true)
        {
            var v = BuildVariant(mol, s, pvAtoms, inScaffold, choices, pick);
            if (v is not null)
            {
                for (var q = 0; q < v.Atoms.Count; q++)
                    if (v.Atoms[q].ScaffoldIndex >= 0)
                        (v.Atoms[q].ScaffoldIndex, v.Atoms[q].Copy) = origin[v.Atoms[q].ScaffoldIndex];
                v.Repeats.AddRange(counts.Select(c => c.Text));
                v.Choices.InsertRange(0, v.Repeats);
                if (counts.Any(c => c.Assumed)) v.Undetermined = true;
                v.Finish();
                cm.Variants.Add(v);
            }
            var k = 0;
            while (k < pick.Length && ++pick[k] == choices[k].Count) { pick[k] = 0; k++; }
            if (k == pick.Length) break;
            if (cm.Variants.Count > MaxVariants)
            {
                cm.Problem($"more than {MaxVariants} scaffold variants; the rest were not tried");
                cm.Incomplete = true;
                break;
            }
        }
    }

    private static CompiledVariant? BuildVariant(Molecule mol, MarkushStructure s, Dictionary<int, PositionVariation> pvAtoms,
        List<int> inScaffold, List<List<(string Text, GroupSpec? Spec, int Repeat)>> choices, int[] pick)
    {
        var v = new CompiledVariant();
        var map = new int[mol.AtomCount];
        Array.Fill(map, -1);
        var choiceOf = new Dictionary<int, (string Text, GroupSpec? Spec, int Repeat)>();
        for (var k = 0; k < inScaffold.Count; k++)
        {
            var ch = choices[k][pick[k]];
            choiceOf[inScaffold[k]] = ch;
            v.Choices.Add(ch.Text);
            if (ch.Spec is null) v.Undetermined = true;
        }
        // Core atoms: real atoms and ring-atom choices.
        for (var i = 0; i < mol.AtomCount; i++)
        {
            var a = mol.Atoms[i];
            if (a.Element != 0)
            {
                map[i] = v.Atoms.Count;
                v.Atoms.Add(new QueryAtom { Element = a.Element, Aromatic = a.IsAromatic, Charge = a.Charge, Hydrogens = a.TotalHydrogens, ScaffoldIndex = i });
            }
            else if (choiceOf.TryGetValue(i, out var ch) && ch.Spec is RingAtomGroup ra)
            {
                map[i] = v.Atoms.Count;
                var qa = new QueryAtom { Element = ra.Element, Aromatic = a.IsAromatic, Charge = ra.Charge, Hydrogens = ra.Hydrogens, ScaffoldIndex = i };
                if (ra.SubstituentLabel is not null) qa.Sites.Add(ra.SubstituentLabel);
                v.Atoms.Add(qa);
            }
        }
        foreach (var b in mol.Bonds)
            if (map[b.Begin] >= 0 && map[b.End] >= 0)
                v.Bonds.Add(new QueryBond(map[b.Begin], map[b.End], MolContext.Norm(b)));
        // Terminal sites, position variation, linkers.
        for (var i = 0; i < mol.AtomCount; i++)
        {
            var a = mol.Atoms[i];
            if (a.Element != 0) continue;
            var label = SiteLabel(a);
            if (label is null) continue;
            var nbrs = mol.Neighbors(i).ToList();
            if (pvAtoms.TryGetValue(i, out var pv))
            {
                var m = System.Text.RegularExpressions.Regex.Match(label, @"^\((\w+)\)([a-z])$");
                var max = 1;
                if (m.Success) { label = m.Groups[1].Value; max = s.Counts.TryGetValue(m.Groups[2].Value, out var cv) ? cv.Max : 1; }
                var idx = v.PositionSites.Count;
                v.PositionSites.Add(new PositionSite(label, max));
                foreach (var cand in pv.Candidates)
                {
                    if (map[cand] < 0) continue;
                    var qa = v.Atoms[map[cand]];
                    qa.PositionSites.Add(idx);
                    // The star is drawn bonded to one candidate; that atom really keeps its H.
                    if (nbrs.Contains(cand)) qa.Hydrogens += 1;
                }
                continue;
            }
            if (nbrs.Count == 1) { if (map[nbrs[0]] >= 0) v.Atoms[map[nbrs[0]]].Sites.Add(label); continue; }
            if (!choiceOf.TryGetValue(i, out var ch) || ch.Spec is RingAtomGroup || ch.Spec is null) continue;
            if (nbrs.Count != 2 || ch.Spec is not LinkerGroup lg) { v.Undetermined = true; continue; }
            int left = map[nbrs[0]], right = map[nbrs[1]];
            var repeat = lg.RepeatVariable is not null || lg.Text.StartsWith("(CH2)", StringComparison.Ordinal);
            var unit = repeat ? string.Concat(Enumerable.Repeat("C", ch.Repeat)) : lg.Smiles;
            AddLinker(v, left, right, unit);
        }
        return v;
    }

    private static void AddLinker(CompiledVariant v, int left, int right, string unit)
    {
        if (unit.Length == 0) { v.Bonds.Add(new QueryBond(left, right, BondOrder.Single)); return; }
        // A linker SMILES with two stars, or a plain chain: atoms in order, first bonded to left, last to right.
        var smi = unit.Contains('*', StringComparison.Ordinal) ? unit : "*" + unit + "*";
        var lm = MoleculeInput.FromSmiles(smi);
        var stars = new List<int>();
        for (var i = 0; i < lm.AtomCount; i++) if (lm.Atoms[i].Element == 0) stars.Add(i);
        var map = new int[lm.AtomCount];
        for (var i = 0; i < lm.AtomCount; i++)
        {
            if (lm.Atoms[i].Element == 0) { map[i] = i == stars[0] ? left : right; continue; }
            map[i] = v.Atoms.Count;
            v.Atoms.Add(new QueryAtom { Element = lm.Atoms[i].Element, Aromatic = lm.Atoms[i].IsAromatic, Hydrogens = lm.Atoms[i].TotalHydrogens, ScaffoldIndex = -1 });
        }
        foreach (var b in lm.Bonds) v.Bonds.Add(new QueryBond(map[b.Begin], map[b.End], MolContext.Norm(b)));
    }
}
