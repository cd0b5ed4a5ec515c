using Sieve.Chemistry;
using Sieve.Markush.Model;

namespace Sieve.Markush.Matching;

/// <summary>Three-valued answer: a definition the claim did not let us read gives <see cref="Unknown"/>.</summary>
public enum Fit { No, Yes, Unknown }

/// <summary>Decides whether a substituent is inside a definition. Structural conventions (documented in
/// samples/patents/README.md): alkyl = acyclic, saturated, carbon-only (ChemAxon homology "alkyl"; cyclopropyl is
/// NOT alkyl, CF3 is NOT alkyl but haloalkyl); cycloalkyl = saturated monocyclic carbocycle attached through a ring
/// atom; aryl = aromatic carbocycle (phenyl, naphthyl); heteroaryl = aromatic ring system with at least one ring
/// heteroatom; heterocyclyl = non-aromatic ring system with a ring heteroatom. Carbon ranges count the group's own
/// carbons (alkyl part of alkoxy/alkylamino/alkylsulfonyl/alkoxycarbonyl; acyl counts its C=O carbon).</summary>
internal static class GroupPredicates
{
    private static bool IsHalogen(int z) => z is 9 or 17 or 35 or 53;

    public static Fit Check(MolContext c, GroupSpec spec, Frag f, out string reason)
    {
        reason = "";
        switch (spec)
        {
            case HydrogenGroup:
                reason = "a substituent, not hydrogen";
                return Fit.No;
            case UnparsedGroup u:
                reason = $"definition '{u.Text}' could not be read";
                return Fit.Unknown;
            case FragmentGroup fg:
                return FragmentMatch.Check(c, fg, f, out reason);
            case GenericGroup g:
                return Generic(c, g, f, out reason);
            default:
                reason = $"'{spec.Text}' is not a substituent definition";
                return Fit.No;
        }
    }

    /// <summary>Checks a list of alternatives; returns the first that fits (Yes), else Unknown if any unreadable
    /// alternative exists, else No with the reasons.</summary>
    public static Fit CheckAny(MolContext c, IReadOnlyList<GroupSpec> alts, Frag f, out GroupSpec? fitted, out string reason)
    {
        fitted = null;
        var unknown = false;
        var reasons = new List<string>();
        foreach (var a in alts)
        {
            var fit = Check(c, a, f, out var r);
            if (fit == Fit.Yes) { fitted = a; reason = ""; return Fit.Yes; }
            if (fit == Fit.Unknown) { unknown = true; fitted ??= a; }
            if (r.Length > 0) reasons.Add($"not {a.Text}: {r}");
        }
        reason = string.Join("; ", reasons);
        return unknown ? Fit.Unknown : Fit.No;
    }

    private static Fit Generic(MolContext c, GenericGroup g, Frag f, out string reason)
    {
        var m = c.Mol;
        var root = m.Atoms[f.Root];
        reason = "";
        switch (g.Group)
        {
            case GenericKind.Halogen:
                if (f.Atoms.Count == 1 && IsHalogen(root.Element) && root.Charge == 0) return Fit.Yes;
                reason = "not a single halogen atom"; return Fit.No;
            case GenericKind.Hydroxy:
                if (f.Atoms.Count == 1 && root.Element == 8 && root.TotalHydrogens == 1 && c.Order(f.Anchor, f.Root) == BondOrder.Single) return Fit.Yes;
                reason = "not OH"; return Fit.No;
            case GenericKind.Oxo:
                if (f.Atoms.Count == 1 && root.Element == 8 && c.Order(f.Anchor, f.Root) == BondOrder.Double) return Fit.Yes;
                reason = "not =O"; return Fit.No;
            case GenericKind.Amino:
                if (f.Atoms.Count == 1 && root.Element == 7 && root.TotalHydrogens == 2 && root.Charge == 0) return Fit.Yes;
                reason = "not NH2"; return Fit.No;
            case GenericKind.Cyano:
                if (f.Atoms.Count == 2 && root.Element == 6 && OnlyNeighbour(c, f, f.Root, 7, BondOrder.Triple)) return Fit.Yes;
                reason = "not C#N"; return Fit.No;
            case GenericKind.Nitro:
                return Nitro(c, f, out reason);
            case GenericKind.Carboxy:
                return CarbonylThen(c, f, 8, out var o, out reason) && f.Atoms.Count == 3 && (m.Atoms[o].TotalHydrogens == 1 || m.Atoms[o].Charge == -1)
                    ? Fit.Yes : No("not C(=O)OH", out reason);
            case GenericKind.Carbamoyl:
                return CarbonylThen(c, f, 7, out var n, out reason) && Rest(c, f, n, [f.Root], g, 0, 2, out reason) ? Fit.Yes : No(reason.Length > 0 ? reason : "not C(=O)N", out reason);
            case GenericKind.Alkoxycarbonyl:
                return CarbonylThen(c, f, 8, out var oe, out reason) && AlkylBeyond(c, g, f, oe, [f.Root], out reason) ? Fit.Yes : No(reason.Length > 0 ? reason : "not C(=O)O-alkyl", out reason);
            case GenericKind.Acyl:
                return Acyl(c, g, f, out reason);
            case GenericKind.Alkoxy:
            case GenericKind.Alkylthio:
            case GenericKind.Haloalkoxy:
            {
                var z = g.Group == GenericKind.Alkylthio ? 16 : 8;
                if (root.Element != z || root.IsAromatic || c.Order(f.Anchor, f.Root) != BondOrder.Single || CountIn(c, f, f.Root) != 1)
                    return No(z == 8 ? "not an -O-alkyl group" : "not an -S-alkyl group", out reason);
                var inner = Sub(c, f, f.Root, Next(c, f, f.Root, -1));
                var kind = g.Group == GenericKind.Haloalkoxy ? GenericKind.Haloalkyl : GenericKind.Alkyl;
                return Generic(c, g with { Group = kind }, inner, out reason);
            }
            case GenericKind.Alkylamino:
            case GenericKind.Dialkylamino:
            {
                var want = g.Group == GenericKind.Alkylamino ? 1 : 2;
                if (root.Element != 7 || root.IsAromatic || root.Charge != 0 || CountIn(c, f, f.Root) != want || root.TotalHydrogens != 2 - want)
                    return No(want == 1 ? "not -NH-alkyl" : "not -N(alkyl)2", out reason);
                return AlkylBeyond(c, g, f, f.Root, [], out reason) ? Fit.Yes : Fit.No;
            }
            case GenericKind.Alkylsulfonyl:
            case GenericKind.Sulfamoyl:
            {
                if (root.Element != 16 || CountOxo(c, f, f.Root) != 2 || CountIn(c, f, f.Root) != 3) return No("not -S(=O)2-", out reason);
                var other = Next(c, f, f.Root, -1, skipOxo: true);
                if (g.Group == GenericKind.Sulfamoyl)
                    return m.Atoms[other].Element == 7 && Rest(c, f, other, [f.Root, .. OxoAtoms(c, f, f.Root)], g, 0, 2, out reason) ? Fit.Yes : No(reason.Length > 0 ? reason : "not S(=O)2N", out reason);
                var inner = Sub(c, f, f.Root, other);
                return Generic(c, g with { Group = GenericKind.Alkyl }, inner, out reason);
            }
            case GenericKind.Alkyl:
            case GenericKind.Haloalkyl:
            case GenericKind.Hydroxyalkyl:
            case GenericKind.Alkenyl:
            case GenericKind.Alkynyl:
            case GenericKind.Arylalkyl:
                return Chain(c, g, f, out reason);
            case GenericKind.Cycloalkyl:
            case GenericKind.Cycloalkenyl:
            case GenericKind.Aryl:
            case GenericKind.Heteroaryl:
            case GenericKind.Heterocyclyl:
            case GenericKind.Carbocyclyl:
                return RingGroup(c, g, f, out reason);
        }
        reason = $"no rule for {g.Group}";
        return Fit.Unknown;
    }

    private static Fit No(string why, out string reason) { reason = why; return Fit.No; }

    private static int CountIn(MolContext c, Frag f, int a)
    {
        var n = 0;
        foreach (var x in c.Mol.Neighbors(a)) if (f.Atoms.Contains(x)) n++;
        return n;
    }

    private static int Next(MolContext c, Frag f, int a, int not, bool skipOxo = false)
    {
        foreach (var x in c.Mol.Neighbors(a))
        {
            if (x == not || !f.Atoms.Contains(x)) continue;
            if (skipOxo && c.Mol.Atoms[x].Element == 8 && c.Order(a, x) == BondOrder.Double) continue;
            return x;
        }
        return -1;
    }

    private static int CountOxo(MolContext c, Frag f, int a) => OxoAtoms(c, f, a).Count;

    private static List<int> OxoAtoms(MolContext c, Frag f, int a)
    {
        var list = new List<int>();
        foreach (var x in c.Mol.Neighbors(a))
            if (f.Atoms.Contains(x) && c.Mol.Atoms[x].Element == 8 && c.Order(a, x) == BondOrder.Double && c.Mol.Degree(x) == 1) list.Add(x);
        return list;
    }

    private static bool OnlyNeighbour(MolContext c, Frag f, int a, int z, BondOrder order)
    {
        var x = Next(c, f, a, -1);
        return x >= 0 && CountIn(c, f, a) == 1 && c.Mol.Atoms[x].Element == z && c.Order(a, x) == order;
    }

    /// <summary>The sub-fragment hanging from <paramref name="anchor"/> through <paramref name="root"/>.</summary>
    internal static Frag Sub(MolContext c, Frag f, int anchor, int root)
    {
        var set = new HashSet<int>();
        if (root < 0) return new Frag(-1, anchor, set);
        var stack = new Stack<int>();
        stack.Push(root); set.Add(root);
        while (stack.Count > 0)
        {
            var a = stack.Pop();
            foreach (var x in c.Mol.Neighbors(a))
                if (x != anchor && f.Atoms.Contains(x) && set.Add(x)) stack.Push(x);
        }
        return new Frag(root, anchor, set);
    }

    private static Fit Nitro(MolContext c, Frag f, out string reason)
    {
        var r = c.Mol.Atoms[f.Root];
        if (f.Atoms.Count == 3 && r.Element == 7 && CountIn(c, f, f.Root) == 2)
        {
            var ok = true;
            foreach (var x in c.Mol.Neighbors(f.Root))
                if (f.Atoms.Contains(x) && c.Mol.Atoms[x].Element != 8) ok = false;
            if (ok) { reason = ""; return Fit.Yes; }
        }
        reason = "not NO2"; return Fit.No;
    }

    /// <summary>Root is a carbonyl carbon (C=O) whose other fragment neighbour is an atom of element z.</summary>
    private static bool CarbonylThen(MolContext c, Frag f, int z, out int next, out string reason)
    {
        reason = ""; next = -1;
        if (c.Mol.Atoms[f.Root].Element != 6 || CountOxo(c, f, f.Root) != 1 || CountIn(c, f, f.Root) != 2) return false;
        next = Next(c, f, f.Root, -1, skipOxo: true);
        return next >= 0 && c.Mol.Atoms[next].Element == z && c.Order(f.Root, next) == BondOrder.Single;
    }

    /// <summary>Every branch from <paramref name="at"/> (not through <paramref name="exclude"/>) is an alkyl group in range.</summary>
    private static bool AlkylBeyond(MolContext c, GenericGroup g, Frag f, int at, int[] exclude, out string reason)
    {
        reason = "";
        var any = false;
        foreach (var x in c.Mol.Neighbors(at))
        {
            if (!f.Atoms.Contains(x) || Array.IndexOf(exclude, x) >= 0) continue;
            if (at == f.Root && x == f.Anchor) continue;
            any = true;
            var inner = Sub(c, f, at, x);
            if (Generic(c, g with { Group = GenericKind.Alkyl }, inner, out reason) != Fit.Yes) return false;
        }
        if (!any) reason = "no alkyl part";
        return any;
    }

    /// <summary>Atom <paramref name="at"/> carries only hydrogens beyond <paramref name="exclude"/>, or substituents
    /// the group's substitution allows (between min and max heavy neighbours beyond exclude).</summary>
    private static bool Rest(MolContext c, Frag f, int at, int[] exclude, GenericGroup g, int min, int max, out string reason)
    {
        reason = "";
        var extra = new List<int>();
        foreach (var x in c.Mol.Neighbors(at))
            if (f.Atoms.Contains(x) && Array.IndexOf(exclude, x) < 0) extra.Add(x);
        if (extra.Count == 0) return true;
        if (g.Substitution is null) { reason = "carries substituents the definition does not allow"; return false; }
        if (extra.Count < min || extra.Count > max) { reason = $"{extra.Count} substituents on the nitrogen"; return false; }
        var rest = new HashSet<int>(f.Atoms);
        rest.Remove(at);
        foreach (var e in exclude) rest.Remove(e);
        var subs = new List<Frag>();
        foreach (var x in extra) subs.Add(Sub(c, f with { Atoms = rest }, at, x));
        return Allowed(c, g.Substitution, subs, out reason) != Fit.No;
    }

    private static Fit Acyl(MolContext c, GenericGroup g, Frag f, out string reason)
    {
        reason = "";
        if (c.Mol.Atoms[f.Root].Element != 6 || CountOxo(c, f, f.Root) != 1) return No("not C(=O)-", out reason);
        var n = CountIn(c, f, f.Root);
        if (n == 1)
            return InRange(1, g) ? Fit.Yes : No("formyl has 1 carbon, outside the range", out reason);
        if (n != 2) return No("not an acyl group", out reason);
        var other = Next(c, f, f.Root, -1, skipOxo: true);
        var inner = Sub(c, f, f.Root, other);
        // The acyl carbon counts: C2-6 alkanoyl = acetyl .. hexanoyl, so the alkyl part has one carbon less.
        var alkyl = g with { Group = GenericKind.Alkyl, MinCarbons = g.MinCarbons is { } lo ? Math.Max(1, lo - 1) : null, MaxCarbons = g.MaxCarbons - 1 };
        return Generic(c, alkyl, inner, out reason);
    }

    private static bool InRange(int n, GenericGroup g) => (g.MinCarbons is null || n >= g.MinCarbons) && (g.MaxCarbons is null || n <= g.MaxCarbons);

    private static string Range(GenericGroup g) => g.MinCarbons is null && g.MaxCarbons is null ? "any size" : $"C{g.MinCarbons}-{g.MaxCarbons}";

    /// <summary>Acyclic carbon groups. The core is every non-ring, non-aromatic carbon reachable from the root whose
    /// bonds are all single (alkyl) or C=C / C#C (alkenyl, alkynyl); what remains is substituents.</summary>
    private static Fit Chain(MolContext c, GenericGroup g, Frag f, out string reason)
    {
        var m = c.Mol;
        var root = m.Atoms[f.Root];
        reason = "";
        if (root.Element != 6 || root.IsAromatic) return No("does not start with an aliphatic carbon", out reason);
        var unsat = g.Group is GenericKind.Alkenyl or GenericKind.Alkynyl;
        var core = new HashSet<int>();
        var stack = new Stack<int>();
        if (!ChainAtom(c, f, f.Root, unsat, g.Group == GenericKind.Alkynyl)) return No(Describe(c, f.Root), out reason);
        core.Add(f.Root); stack.Push(f.Root);
        while (stack.Count > 0)
        {
            var a = stack.Pop();
            foreach (var b in m.BondsOf(a))
            {
                var x = m.Bonds[b].Other(a);
                if (!f.Atoms.Contains(x) || core.Contains(x)) continue;
                if (c.RingBond[b]) continue;
                var order = MolContext.Norm(m.Bonds[b]);
                if (m.Atoms[x].Element == 6 && ChainAtom(c, f, x, unsat, g.Group == GenericKind.Alkynyl) && (order == BondOrder.Single || (unsat && order is BondOrder.Double or BondOrder.Triple)))
                { core.Add(x); stack.Push(x); }
            }
        }
        var doubles = 0; var triples = 0;
        foreach (var a in core)
            foreach (var b in m.BondsOf(a))
            {
                var x = m.Bonds[b].Other(a);
                if (x < a || !core.Contains(x)) continue;
                var o = MolContext.Norm(m.Bonds[b]);
                if (o == BondOrder.Double) doubles++;
                if (o == BondOrder.Triple) triples++;
            }
        if (g.Group == GenericKind.Alkenyl && doubles == 0) return No("no C=C double bond", out reason);
        if (g.Group == GenericKind.Alkynyl && triples == 0) return No("no C#C triple bond", out reason);
        if (!InRange(core.Count, g))
            return No($"{core.Count} carbons in the chain, outside {Range(g)}", out reason);
        if (g.Shape != ChainShape.Any)
        {
            var branched = false;
            foreach (var a in core)
            {
                var k = 0;
                foreach (var x in m.Neighbors(a)) if (core.Contains(x)) k++;
                if (k > 2 || (a == f.Root && k > 1)) branched = true;
            }
            if (g.Shape == ChainShape.Straight && branched) return No("branched chain where the claim requires a straight chain", out reason);
            if (g.Shape == ChainShape.Branched && !branched) return No("straight chain where the claim requires a branched chain", out reason);
        }
        // Everything outside the core hangs on it as substituents.
        var rest = new List<Frag>();
        foreach (var a in core)
            foreach (var x in m.Neighbors(a))
                if (f.Atoms.Contains(x) && !core.Contains(x)) rest.Add(Sub(c, f with { Atoms = Without(f.Atoms, core) }, a, x));
        switch (g.Group)
        {
            case GenericKind.Haloalkyl:
            {
                var hal = 0;
                var others = new List<Frag>();
                foreach (var s in rest)
                    if (s.Atoms.Count == 1 && IsHalogen(m.Atoms[s.Root].Element) && (g.HeteroElements is null || g.HeteroElements.Contains(m.Atoms[s.Root].Element))) hal++;
                    else others.Add(s);
                if (hal == 0) return No("no halogen on the chain (not haloalkyl)", out reason);
                return Allowed(c, g.Substitution, others, out reason);
            }
            case GenericKind.Hydroxyalkyl:
            {
                var oh = 0;
                var others = new List<Frag>();
                foreach (var s in rest)
                    if (s.Atoms.Count == 1 && m.Atoms[s.Root].Element == 8 && m.Atoms[s.Root].TotalHydrogens == 1) oh++;
                    else others.Add(s);
                if (oh == 0) return No("no OH on the chain", out reason);
                return Allowed(c, g.Substitution, others, out reason);
            }
            case GenericKind.Arylalkyl:
            {
                var aryl = new GenericGroup { Text = "aryl", Group = GenericKind.Aryl, Substitution = g.Substitution };
                var found = 0;
                foreach (var s in rest)
                {
                    if (Generic(c, aryl, s, out _) == Fit.Yes) found++;
                    else return No($"chain carries {Describe(c, s.Root)} besides the aryl group", out reason);
                }
                return found == 1 ? Fit.Yes : No("not exactly one aryl group on the chain", out reason);
            }
            default:
                return Allowed(c, g.Substitution, rest, out reason);
        }
    }

    internal static HashSet<int> Without(HashSet<int> all, HashSet<int> core)
    {
        var s = new HashSet<int>(all);
        s.ExceptWith(core);
        return s;
    }

    private static bool ChainAtom(MolContext c, Frag f, int a, bool unsat, bool triple)
    {
        var atom = c.Mol.Atoms[a];
        if (atom.Element != 6 || atom.IsAromatic || atom.Charge != 0) return false;
        foreach (var b in c.Mol.BondsOf(a))
        {
            var bond = c.Mol.Bonds[b];
            var x = bond.Other(a);
            if (!f.Atoms.Contains(x) && x != f.Anchor) continue;
            if (c.RingBond[b] && f.Atoms.Contains(x)) return false;
            var o = MolContext.Norm(bond);
            if (o == BondOrder.Single) continue;
            if (unsat && c.Mol.Atoms[x].Element == 6 && (o == BondOrder.Double || (triple && o == BondOrder.Triple))) continue;
            return false;
        }
        return true;
    }

    private static string Describe(MolContext c, int a)
    {
        var atom = c.Mol.Atoms[a];
        if (atom.IsAromatic) return $"attached through an aromatic {Elements.Symbol(atom.Element)} (a ring, not a chain)";
        foreach (var b in c.Mol.BondsOf(a))
            if (c.RingBond[b]) return "attached through a ring carbon (a cyclic group is not a chain)";
        if (atom.Charge != 0) return "attached through a charged carbon";
        return "the attaching carbon has a multiple bond the group does not allow";
    }

    /// <summary>Substituents hanging on a group's core: each must fit the substitution's list.</summary>
    internal static Fit Allowed(MolContext c, Substitution? s, List<Frag> subs, out string reason)
    {
        reason = "";
        if (subs.Count == 0) return s is { MinCount: > 0 } ? No($"needs at least {s.MinCount} substituent(s)", out reason) : Fit.Yes;
        if (s is null) return No($"carries {subs.Count} substituent(s) ({Chem.FragmentSmiles.Write(c.Mol, subs[0].Atoms, subs[0].Root)}…) the definition does not allow", out reason);
        if (subs.Count < s.MinCount || (s.MaxCount is { } max && subs.Count > max))
            return No($"{subs.Count} substituents, the claim allows {s.MinCount}-{s.MaxCount?.ToString() ?? "any"}", out reason);
        var result = Fit.Yes;
        foreach (var sub in subs)
        {
            var fit = CheckAny(c, s.Allowed, sub, out _, out var r);
            if (fit == Fit.No) return No($"substituent {Chem.FragmentSmiles.Write(c.Mol, sub.Atoms, sub.Root)} not allowed ({r})", out reason);
            if (fit == Fit.Unknown) { result = Fit.Unknown; reason = r; }
        }
        return result;
    }

    /// <summary>Ring groups: the core is the ring system holding the root (ring bonds inside the fragment).</summary>
    private static Fit RingGroup(MolContext c, GenericGroup g, Frag f, out string reason)
    {
        var m = c.Mol;
        reason = "";
        var core = new HashSet<int> { f.Root };
        var stack = new Stack<int>();
        stack.Push(f.Root);
        var ringBonds = 0;
        while (stack.Count > 0)
        {
            var a = stack.Pop();
            foreach (var b in m.BondsOf(a))
            {
                if (!c.RingBond[b]) continue;
                var x = m.Bonds[b].Other(a);
                if (!f.Atoms.Contains(x)) continue;
                if (core.Add(x)) stack.Push(x);
            }
        }
        if (core.Count < 3) return No("attached through an atom that is not in a ring", out reason);
        foreach (var a in core)
            foreach (var b in m.BondsOf(a))
                if (c.RingBond[b] && core.Contains(m.Bonds[b].Other(a)) && m.Bonds[b].Other(a) > a) ringBonds++;
        var rings = ringBonds - core.Count + 1;
        int carbons = 0, hetero = 0, aromatic = 0, multiple = 0;
        var badHetero = false;
        foreach (var a in core)
        {
            var z = m.Atoms[a].Element;
            if (z == 6) carbons++; else { hetero++; if (g.HeteroElements is not null && !g.HeteroElements.Contains(z)) badHetero = true; }
            if (m.Atoms[a].IsAromatic) aromatic++;
            foreach (var b in m.BondsOf(a))
            {
                var x = m.Bonds[b].Other(a);
                if (x > a && core.Contains(x) && MolContext.Norm(m.Bonds[b]) is BondOrder.Double or BondOrder.Triple) multiple++;
            }
        }
        var allAromatic = aromatic == core.Count;
        string? fail = g.Group switch
        {
            GenericKind.Cycloalkyl => hetero > 0 ? "ring contains a heteroatom" : aromatic > 0 || multiple > 0 ? "ring is unsaturated (not cycloalkyl)" : rings != 1 ? "not a monocyclic ring" : null,
            GenericKind.Cycloalkenyl => hetero > 0 ? "ring contains a heteroatom" : aromatic > 0 ? "ring is aromatic" : multiple == 0 ? "ring has no C=C" : rings != 1 ? "not a monocyclic ring" : null,
            GenericKind.Carbocyclyl => hetero > 0 ? "ring contains a heteroatom" : null,
            GenericKind.Aryl => hetero > 0 ? "ring contains a heteroatom (heteroaryl, not aryl)" : !allAromatic ? "ring system is not aromatic" : null,
            GenericKind.Heteroaryl => hetero == 0 ? "ring has no heteroatom" : !allAromatic ? "ring system is not aromatic" : null,
            GenericKind.Heterocyclyl => hetero == 0 ? "ring has no heteroatom" : m.Atoms[f.Root].IsAromatic ? "ring is aromatic (heteroaryl, not heterocyclyl)" : null,
            _ => null,
        };
        if (fail is not null) return No(fail, out reason);
        var counted = g.Group is GenericKind.Cycloalkyl or GenericKind.Cycloalkenyl or GenericKind.Aryl or GenericKind.Carbocyclyl ? carbons : core.Count;
        if (g.Group is GenericKind.Cycloalkyl or GenericKind.Cycloalkenyl or GenericKind.Aryl or GenericKind.Carbocyclyl && !InRange(counted, g))
            return No($"{counted} ring carbons, outside {Range(g)}", out reason);
        if (g.RingSizes is not null && (rings != 1 || !g.RingSizes.Contains(core.Count)))
            return No(rings != 1 ? $"fused ring system ({rings} rings), the claim asks for a {string.Join(" or ", g.RingSizes)}-membered ring" : $"{core.Count}-membered ring, the claim asks for {string.Join(" or ", g.RingSizes)}", out reason);
        if (g.Monocyclic && rings != 1) return No("not monocyclic", out reason);
        if (g.Group is GenericKind.Heteroaryl or GenericKind.Heterocyclyl)
        {
            if (badHetero) return No("ring heteroatom of a kind the claim does not list", out reason);
            if (g.MinHeteroatoms is { } hmin && hetero < hmin) return No($"{hetero} ring heteroatoms, fewer than {hmin}", out reason);
            if (g.MaxHeteroatoms is { } hmax && hetero > hmax) return No($"{hetero} ring heteroatoms, more than {hmax}", out reason);
        }
        var subs = new List<Frag>();
        var rest = Without(f.Atoms, core);
        foreach (var a in core)
            foreach (var x in m.Neighbors(a))
                if (rest.Contains(x)) subs.Add(Sub(c, f with { Atoms = rest }, a, x));
        return Allowed(c, g.Substitution, subs, out reason);
    }
}
