namespace Sieve.Chemistry.Smiles;

/// <summary>Kekulé bond orders for writing: each aromatic atom that still lacks one bond of valence gets
/// exactly one double bond among its aromatic bonds (a perfect matching, found by backtracking with the
/// most constrained atom first, ties and partners by rank). Aromatic flags are cleared.</summary>
internal static class KekuleAssignment
{
    public static void Apply(Molecule m, int[] ranks)
    {
        var n = m.AtomCount;
        var needs = new bool[n];
        var any = false;
        for (var a = 0; a < n; a++)
        {
            if (!m.Atoms[a].IsAromatic) continue;
            var used = m.Atoms[a].TotalHydrogens + m.Atoms[a].RadicalElectrons;
            var aromaticBonds = 0;
            foreach (var bi in m.BondsOf(a))
            {
                var b = m.Bonds[bi];
                if (SmilesSymbols.IsAromaticBond(b)) { aromaticBonds++; used++; }
                else used += b.Order switch { BondOrder.Double => 2, BondOrder.Triple => 3, BondOrder.Quadruple => 4, BondOrder.Single => 1, _ => 0 };
            }
            if (aromaticBonds == 0) continue;
            any = true;
            needs[a] = TargetValence(m.Atoms[a], used) - used == 1;
        }
        if (!any) return;
        var mate = new int[n];
        Array.Fill(mate, -1);
        var budget = 200000;
        if (!Match(m, ranks, needs, mate, ref budget))
            throw new InvalidOperationException("aromatic system has no Kekulé structure");
        foreach (var b in m.Bonds)
        {
            if (!SmilesSymbols.IsAromaticBond(b)) continue;
            b.Order = mate[b.Begin] == b.End ? BondOrder.Double : BondOrder.Single;
            b.IsAromatic = false;
        }
        foreach (var a in m.Atoms) a.IsAromatic = false;
    }

    /// <summary>The smallest default valence (of the isoelectronic element for charged atoms) that the
    /// atom's bonds reach; neutral carbon 4, pyridine-like N 3, N+ 4, O 2...</summary>
    private static int TargetValence(Atom atom, int used)
    {
        var z = atom.Element - atom.Charge;
        if (z <= 0 || z > Elements.MaxAtomicNumber) z = atom.Element;
        foreach (var v in Elements.Get(z).DefaultValences)
            if (v >= used) return v;
        return used;
    }

    private static bool Match(Molecule m, int[] ranks, bool[] needs, int[] mate, ref int budget)
    {
        if (--budget < 0) return false;
        // most constrained unmatched atom first
        var best = -1;
        var bestOptions = int.MaxValue;
        for (var a = 0; a < needs.Length; a++)
        {
            if (!needs[a] || mate[a] >= 0) continue;
            var options = 0;
            foreach (var bi in m.BondsOf(a))
            {
                var b = m.Bonds[bi];
                var o = b.Other(a);
                if (SmilesSymbols.IsAromaticBond(b) && needs[o] && mate[o] < 0) options++;
            }
            if (options < bestOptions || (options == bestOptions && ranks[a] < ranks[best])) { best = a; bestOptions = options; }
        }
        if (best < 0) return true;
        if (bestOptions == 0) return false;
        // partners in rank order, so the Kekulé form is as canonical as the ranks
        var partners = new List<int>();
        foreach (var bi in m.BondsOf(best))
        {
            var b = m.Bonds[bi];
            var o = b.Other(best);
            if (SmilesSymbols.IsAromaticBond(b) && needs[o] && mate[o] < 0) partners.Add(o);
        }
        partners.Sort((x, y) => ranks[x].CompareTo(ranks[y]));
        foreach (var o in partners)
        {
            mate[best] = o;
            mate[o] = best;
            if (Match(m, ranks, needs, mate, ref budget)) return true;
            mate[best] = -1;
            mate[o] = -1;
        }
        return false;
    }
}
