namespace Sieve.Chemistry.Canonical;

/// <summary>The approximate CIP priorities RDKit's legacy stereo perception uses to call a double bond
/// E or Z (and so what the canonical ranking sees): atoms start from atomic number, isotope and map
/// number; each round appends the neighbours' ranks (repeated twice the bond order, aromatic 3 times),
/// highest first, then one 0 per hydrogen; repeat while the number of distinct ranks grows.</summary>
internal static class CipRanks
{
    public static int[] Compute(Molecule m, ComponentGraph g)
    {
        var n = g.N;
        var invariants = new long[n];
        for (var i = 0; i < n; i++)
        {
            var atom = m.Atoms[g.Atoms[i]];
            var mass = 0;
            if (atom.Isotope != 0)
            {
                mass = atom.Isotope - Elements.Get(atom.Element).MostCommonIsotope;
                if (mass >= 0) mass += 1;
            }
            mass += 512;
            mass = mass < 0 ? 0 : mass % 1024;
            var map = (Math.Max(atom.AtomMap, 0) + 1) % 1024;
            invariants[i] = ((long)(atom.Element % 128) << 20) | ((long)mass << 10) | (long)map;
        }
        var ranks = DenseRanks(n, (a, b) => invariants[a].CompareTo(invariants[b]));
        var entries = new List<int>[n];
        for (var i = 0; i < n; i++) entries[i] = [m.Atoms[g.Atoms[i]].Element, ranks[i]];

        var maxIts = n / 2 + 1;
        var numRanks = Max(ranks) + 1;
        var lastNumRanks = -1;
        var its = 0;
        var order = new List<int>(8);
        while (numRanks < n && its < maxIts && (lastNumRanks < 0 || lastNumRanks < numRanks))
        {
            var longest = 0;
            for (var i = 0; i < n; i++)
            {
                order.Clear();
                for (var e = g.Start[i]; e < g.Start[i + 1]; e++) order.Add(e);
                var r = ranks;
                order.Sort((x, y) => r[g.Nbr[y]].CompareTo(r[g.Nbr[x]]));
                var entry = entries[i];
                foreach (var e in order)
                {
                    var count = TwiceBondOrder(m, g, e);
                    for (var c = 0; c < count; c++) entry.Add(ranks[g.Nbr[e]] + 1);
                }
                for (var h = m.Atoms[g.Atoms[i]].TotalHydrogens; h > 0; h--) entry.Add(0);
                if (entry.Count > longest) longest = entry.Count;
            }
            for (var i = 0; i < n; i++)
                while (entries[i].Count < longest) entries[i].Add(-1);
            lastNumRanks = numRanks;
            ranks = DenseRanks(n, (a, b) => CompareLists(entries[a], entries[b]));
            numRanks = Max(ranks) + 1;
            if (lastNumRanks != numRanks)
            {
                for (var i = 0; i < n; i++)
                {
                    entries[i][its + 1] = ranks[i];
                    entries[i].RemoveRange(its + 2, entries[i].Count - (its + 2));
                }
            }
            its++;
        }
        return ranks;
    }

    private static int TwiceBondOrder(Molecule m, ComponentGraph g, int e)
    {
        var b = m.Bonds[g.NbrBond[e]];
        if (b.Order == BondOrder.Double && !b.IsAromatic)
        {
            // RDKit's special case: P=X on three- or four-coordinate P counts once
            var nbr = g.Nbr[e];
            var d = g.Degree(nbr);
            if (m.Atoms[g.Atoms[nbr]].Element == 15 && d is 3 or 4) return 1;
        }
        return g.BondType[e] switch
        {
            1 => 2,
            2 => 4,
            3 => 6,
            4 => 8,
            12 => 3,
            _ => 0,
        };
    }

    private static int CompareLists(List<int> a, List<int> b)
    {
        var n = Math.Min(a.Count, b.Count);
        for (var i = 0; i < n; i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0) return c;
        }
        return a.Count.CompareTo(b.Count);
    }

    private static int[] DenseRanks(int n, Comparison<int> compare)
    {
        var idx = new int[n];
        for (var i = 0; i < n; i++) idx[i] = i;
        Array.Sort(idx, compare);
        var ranks = new int[n];
        var r = 0;
        for (var i = 0; i < n; i++)
        {
            if (i > 0 && compare(idx[i - 1], idx[i]) != 0) r++;
            ranks[idx[i]] = r;
        }
        return ranks;
    }

    private static int Max(int[] a)
    {
        var m = 0;
        foreach (var v in a) if (v > m) m = v;
        return m;
    }
}
