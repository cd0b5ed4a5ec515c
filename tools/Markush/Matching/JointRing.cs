using Sieve.Markush.Model;

namespace Sieve.Markush.Matching;

/// <summary>"R1 and R2 together with the nitrogen atom to which they are attached form a 5- or 6-membered ring
/// optionally containing one additional heteroatom …": the substituent that joins both sites must close a single
/// ring through the scaffold atom, of an allowed size, with at most the allowed extra ring heteroatoms; anything
/// else on that ring must be an allowed substituent.</summary>
internal static class JointRing
{
    public static Fit Check(MolContext c, JointRingDefinition j, HashSet<int> comp, List<(int Root, int Anchor)> att, out string reason)
    {
        var m = c.Mol;
        var anchors = att.Select(a => a.Anchor).Distinct().ToList();
        if (anchors.Count != 1) { reason = "the ring closes over two different scaffold atoms"; return Fit.No; }
        var anchor = anchors[0];
        // Ring atoms: the ring system through the anchor within comp ∪ {anchor}.
        var set = new HashSet<int>(comp) { anchor };
        var ring = new HashSet<int> { anchor };
        var stack = new Stack<int>();
        stack.Push(anchor);
        while (stack.Count > 0)
        {
            var a = stack.Pop();
            foreach (var b in m.BondsOf(a))
            {
                if (!c.RingBond[b]) continue;
                var x = m.Bonds[b].Other(a);
                if (set.Contains(x) && ring.Add(x)) stack.Push(x);
            }
        }
        var bonds = 0;
        foreach (var a in ring)
            foreach (var x in m.Neighbors(a))
                if (x > a && ring.Contains(x) && c.IsRingBond(a, x)) bonds++;
        if (bonds - ring.Count + 1 != 1) { reason = "the atoms form a fused or bridged ring system, not one ring"; return Fit.No; }
        if (!j.RingSizes.Contains(ring.Count)) { reason = $"{ring.Count}-membered ring, the claim allows {string.Join(" or ", j.RingSizes)}"; return Fit.No; }
        var hetero = 0;
        foreach (var a in ring)
        {
            if (a == anchor) continue;
            var z = m.Atoms[a].Element;
            if (z != 6) { hetero++; if (!j.ExtraHeteroElements.Contains(z)) { reason = $"ring contains {Sieve.Chemistry.Elements.Symbol(z)}, not allowed"; return Fit.No; } }
            if (m.Atoms[a].IsAromatic && !j.AromaticAllowed) { reason = "ring is aromatic; the claim says saturated"; return Fit.No; }
        }
        if (hetero > j.MaxExtraHeteroatoms) { reason = $"{hetero} additional ring heteroatoms, the claim allows {j.MaxExtraHeteroatoms}"; return Fit.No; }
        var rest = new HashSet<int>(comp);
        rest.ExceptWith(ring);
        var subs = new List<Frag>();
        foreach (var a in ring)
            foreach (var x in m.Neighbors(a))
                if (rest.Contains(x)) subs.Add(GroupPredicates.Sub(c, new Frag(-1, -1, rest), a, x));
        return GroupPredicates.Allowed(c, j.Substitution, subs, out reason);
    }
}
