using System.Collections.Concurrent;
using Sieve.Chemistry;
using Sieve.Markush.Chem;
using Sieve.Markush.Model;

namespace Sieve.Markush.Matching;

/// <summary>Named groups ("phenyl", "pyridin-3-yl", "morpholino"): the substituent must be the named structure,
/// attached through the marked atom (or, for "any position" names, through any parent atom that bears H); with a
/// substitution clause the named structure is the core and what else hangs on it must be allowed. Hydrogen counts
/// on aromatic N/O/S are not compared, so tetrazole and imidazole tautomers match.</summary>
internal static class FragmentMatch
{
    private sealed record Pattern(Molecule Mol, int Root, bool[] RingBond);

    private static readonly ConcurrentDictionary<string, Pattern> Cache = new();

    private static Pattern Get(FragmentGroup g) => Cache.GetOrAdd(g.Smiles, smi =>
    {
        var mol = MoleculeInput.FromSmiles(smi);
        var star = -1;
        for (var i = 0; i < mol.AtomCount; i++) if (mol.Atoms[i].Element == 0) star = i;
        if (star < 0) return new Pattern(mol, -1, RingBonds.Find(mol));
        // Rebuild without the star; its neighbour is the root.
        var root = -1;
        foreach (var x in mol.Neighbors(star)) root = x;
        var copy = new Molecule();
        var map = new int[mol.AtomCount];
        for (var i = 0; i < mol.AtomCount; i++)
        {
            if (i == star) { map[i] = -1; continue; }
            var a = mol.Atoms[i].Clone();
            if (i == root) a.ImplicitHydrogens += 0;
            map[i] = copy.AddAtom(a);
        }
        foreach (var b in mol.Bonds)
            if (b.Begin != star && b.End != star) copy.AddBond(new Bond(map[b.Begin], map[b.End], b.Order) { IsAromatic = b.IsAromatic });
        return new Pattern(copy, map[root], RingBonds.Find(copy));
    });

    public static Fit Check(MolContext c, FragmentGroup g, Frag f, out string reason)
    {
        var p = Get(g);
        var exact = g.Substitution is null;
        if (exact && f.Atoms.Count != p.Mol.AtomCount)
        {
            reason = $"{f.Atoms.Count} heavy atoms, {g.Name} has {p.Mol.AtomCount}";
            return Fit.No;
        }
        var roots = new List<int>();
        if (p.Root >= 0) roots.Add(p.Root);
        else for (var i = 0; i < p.Mol.AtomCount; i++) if (p.Mol.Atoms[i].TotalHydrogens > 0 || (p.Mol.Atoms[i].IsAromatic && p.Mol.Atoms[i].Element == 7)) roots.Add(i);
        var best = Fit.No;
        var why = $"not {g.Name}";
        foreach (var r in roots)
        {
            var map = new int[p.Mol.AtomCount];
            Array.Fill(map, -1);
            var used = new HashSet<int>();
            if (!AtomOk(c, p, r, f.Root, exact, rootAtom: true)) continue;
            map[r] = f.Root; used.Add(f.Root);
            var order = BfsOrder(p.Mol, r);
            var fit = Extend(c, p, g, f, map, used, order, 1, exact, ref why);
            if (fit == Fit.Yes) { reason = ""; return Fit.Yes; }
            if (fit == Fit.Unknown) best = Fit.Unknown;
        }
        reason = why;
        return best;
    }

    private static List<(int Atom, int Parent)> BfsOrder(Molecule p, int root)
    {
        var order = new List<(int, int)> { (root, -1) };
        var seen = new bool[p.AtomCount];
        seen[root] = true;
        for (var i = 0; i < order.Count; i++)
            foreach (var x in p.Neighbors(order[i].Item1))
                if (!seen[x]) { seen[x] = true; order.Add((x, order[i].Item1)); }
        return order;
    }

    private static bool AtomOk(MolContext c, Pattern p, int pa, int ma, bool exact, bool rootAtom)
    {
        var a = p.Mol.Atoms[pa];
        var b = c.Mol.Atoms[ma];
        if (a.Element != b.Element || a.IsAromatic != b.IsAromatic || a.Charge != b.Charge) return false;
        var tautomeric = a.IsAromatic && a.Element != 6;
        // The pattern's root H count includes the H the attachment replaces when the pattern has no star.
        var ph = a.TotalHydrogens - (rootAtom && p.Root < 0 ? 1 : 0);
        if (!tautomeric && (exact ? b.TotalHydrogens != ph : b.TotalHydrogens > ph)) return false;
        return true;
    }

    private static Fit Extend(MolContext c, Pattern p, FragmentGroup g, Frag f, int[] map, HashSet<int> used,
        List<(int Atom, int Parent)> order, int k, bool exact, ref string why)
    {
        if (k == order.Count) return Finish(c, p, g, f, map, used, exact, ref why);
        var (pa, parent) = order[k];
        var mp = map[parent];
        var best = Fit.No;
        foreach (var x in c.Mol.Neighbors(mp))
        {
            if (!f.Atoms.Contains(x) || used.Contains(x)) continue;
            if (!AtomOk(c, p, pa, x, exact, rootAtom: false)) continue;
            var ok = true;
            foreach (var pb in p.Mol.BondsOf(pa))
            {
                var bond = p.Mol.Bonds[pb];
                var other = bond.Other(pa);
                if (map[other] < 0) continue;
                var mb = c.Mol.BondBetween(x, map[other]);
                if (mb is null || MolContext.Norm(mb) != MolContext.Norm(bond)) { ok = false; break; }
            }
            if (!ok) continue;
            map[pa] = x; used.Add(x);
            var fit = Extend(c, p, g, f, map, used, order, k + 1, exact, ref why);
            map[pa] = -1; used.Remove(x);
            if (fit == Fit.Yes) return fit;
            if (fit == Fit.Unknown) best = Fit.Unknown;
        }
        return best;
    }

    private static Fit Finish(MolContext c, Pattern p, FragmentGroup g, Frag f, int[] map, HashSet<int> used, bool exact, ref string why)
    {
        // No bond between mapped atoms that the pattern lacks (a ring closed differently).
        foreach (var ma in used)
            foreach (var x in c.Mol.Neighbors(ma))
                if (used.Contains(x) && p.Mol.BondBetween(Array.IndexOf(map, ma), Array.IndexOf(map, x)) is null) return Fit.No;
        if (exact) return used.Count == f.Atoms.Count ? Fit.Yes : Fit.No;
        var rest = GroupPredicates.Without(f.Atoms, used);
        var subs = new List<Frag>();
        foreach (var a in used)
            foreach (var x in c.Mol.Neighbors(a))
                if (rest.Contains(x)) subs.Add(GroupPredicates.Sub(c, f with { Atoms = rest }, a, x));
        var fit = GroupPredicates.Allowed(c, g.Substitution, subs, out var r);
        if (fit != Fit.Yes) why = $"{g.Name} core found but {r}";
        return fit;
    }
}
