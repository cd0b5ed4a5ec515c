using System.Text;
using Sieve.Chemistry;

namespace Sieve.Markush.Chem;

/// <summary>Writes part of a molecule as SMILES for evidence ("*CC(F)(F)F"): the atoms in a set, starting with a
/// <c>*</c> that stands for the scaffold atom it hangs on. <see cref="Canonical"/> is the chemistry core's canonical
/// SMILES; <see cref="Write"/> (used in messages) is deterministic for a given molecule and atom order.</summary>
internal static class FragmentSmiles
{
    /// <summary>RDKit-style canonical SMILES of the atoms (with <c>*</c> for the atom they hang on), written by the
    /// chemistry core's canonical writer; falls back to <see cref="Write"/> if that writer refuses the fragment.</summary>
    public static string Canonical(Molecule m, IReadOnlyCollection<int> atoms, int root, int anchor)
    {
        try
        {
            var sub = new Molecule();
            var map = new Dictionary<int, int>();
            foreach (var a in atoms.Order()) map[a] = sub.AddAtom(m.Atoms[a].Clone());
            foreach (var b in m.Bonds)
                if (map.TryGetValue(b.Begin, out var x) && map.TryGetValue(b.End, out var y))
                {
                    var c = b.Clone(); c.Begin = x; c.End = y; c.Direction = BondDirection.None;
                    sub.AddBond(c);
                }
            if (anchor >= 0)
            {
                var star = sub.AddAtom(new Atom { Element = 0 });
                var bond = m.BondBetween(anchor, root);
                var order = bond is null || bond.IsAromatic ? BondOrder.Single : bond.Order;
                sub.AddBond(new Bond(map[root], star, order));
            }
            foreach (var a in sub.Atoms) a.Chirality = Chirality.None;
            sub.Rings = Sieve.Chemistry.Perception.RingPerception.Perceive(sub);
            return Sieve.Chemistry.Canonical.CanonicalSmiles.Of(sub);
        }
        catch (Sieve.Chemistry.Perception.MoleculeException)
        {
            // A cut-out piece of an aromatic system need not be a valid molecule on its own; show it as written.
            return Write(m, atoms, root, anchor >= 0);
        }
    }

    public static string Write(Molecule m, IReadOnlyCollection<int> atoms, int root, bool withAttachment = true)
    {
        var inSet = new HashSet<int>(atoms);
        var sb = new StringBuilder();
        if (withAttachment) sb.Append('*');
        var visited = new HashSet<int>();
        var ringOpen = new Dictionary<int, int>();   // bond index -> ring number
        // First pass: find ring-closure bonds with a DFS.
        var ringBonds = new HashSet<int>();
        Dfs(m, root, -1, inSet, visited, ringBonds);
        visited.Clear();
        var next = 1;
        Emit(m, root, -1, inSet, visited, ringBonds, ringOpen, sb, ref next, withAttachment);
        return sb.ToString();
    }

    private static void Dfs(Molecule m, int a, int fromBond, HashSet<int> inSet, HashSet<int> visited, HashSet<int> ringBonds)
    {
        visited.Add(a);
        foreach (var b in m.BondsOf(a))
        {
            if (b == fromBond) continue;
            var o = m.Bonds[b].Other(a);
            if (!inSet.Contains(o)) continue;
            if (visited.Contains(o)) { ringBonds.Add(b); continue; }
            Dfs(m, o, b, inSet, visited, ringBonds);
        }
    }

    private static void Emit(Molecule m, int a, int fromBond, HashSet<int> inSet, HashSet<int> visited, HashSet<int> ringBonds,
        Dictionary<int, int> ringOpen, StringBuilder sb, ref int next, bool afterStar)
    {
        visited.Add(a);
        AppendAtom(m.Atoms[a], sb);
        foreach (var b in m.BondsOf(a))
        {
            if (!ringBonds.Contains(b)) continue;
            var o = m.Bonds[b].Other(a);
            if (!inSet.Contains(o)) continue;
            if (ringOpen.Remove(b, out var num))
            {
                AppendBond(m, b, sb);
                sb.Append(num < 10 ? num.ToString() : "%" + num);
            }
            else
            {
                num = next++;
                ringOpen[b] = num;
                AppendBond(m, b, sb);
                sb.Append(num < 10 ? num.ToString() : "%" + num);
            }
        }
        var children = new List<(int Bond, int Atom)>();
        foreach (var b in m.BondsOf(a))
        {
            if (b == fromBond || ringBonds.Contains(b)) continue;
            var o = m.Bonds[b].Other(a);
            if (!inSet.Contains(o) || visited.Contains(o)) continue;
            children.Add((b, o));
        }
        for (var i = 0; i < children.Count; i++)
        {
            var (b, o) = children[i];
            if (visited.Contains(o)) continue;
            var branch = i < children.Count - 1;
            if (branch) sb.Append('(');
            AppendBond(m, b, sb);
            Emit(m, o, b, inSet, visited, ringBonds, ringOpen, sb, ref next, false);
            if (branch) sb.Append(')');
        }
    }

    private static void AppendBond(Molecule m, int b, StringBuilder sb)
    {
        var bond = m.Bonds[b];
        switch (bond.Order)
        {
            case BondOrder.Double: sb.Append('='); break;
            case BondOrder.Triple: sb.Append('#'); break;
            case BondOrder.Single when m.Atoms[bond.Begin].IsAromatic && m.Atoms[bond.End].IsAromatic: sb.Append('-'); break;
        }
    }

    private static void AppendAtom(Atom atom, StringBuilder sb)
    {
        if (atom.Element == 0) { sb.Append('*'); return; }
        var sym = Elements.Symbol(atom.Element);
        if (atom.IsAromatic) sym = sym.ToLowerInvariant();
        var organic = atom.Element is 5 or 6 or 7 or 8 or 9 or 15 or 16 or 17 or 35 or 53;
        var plain = organic && atom.Charge == 0 && atom.Isotope == 0 && !atom.IsBracket;
        if (plain) { sb.Append(sym); return; }
        sb.Append('[');
        if (atom.Isotope > 0) sb.Append(atom.Isotope);
        sb.Append(sym);
        var h = atom.TotalHydrogens;
        if (h > 0) { sb.Append('H'); if (h > 1) sb.Append(h); }
        if (atom.Charge != 0)
        {
            sb.Append(atom.Charge > 0 ? '+' : '-');
            if (Math.Abs(atom.Charge) > 1) sb.Append(Math.Abs(atom.Charge));
        }
        sb.Append(']');
    }
}
