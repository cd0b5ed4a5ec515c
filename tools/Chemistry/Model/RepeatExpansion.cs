namespace Sieve.Chemistry;

/// <summary>Writes out a molecule's <see cref="Molecule.RepeatUnits"/> as real atoms: a unit repeated k times is
/// k copies of its atoms chained head to tail through the two bonds that cross its brackets; k = 0 bonds the two
/// outside neighbours directly. Used to turn a drawn <c>-[CH2]n-</c> or <c>-[OCH2CH2]n-</c> into the concrete
/// molecules it stands for.</summary>
public static class RepeatExpansion
{
    /// <summary>Expands every repeat unit of <paramref name="m"/>, unit i taking <paramref name="counts"/>[i] copies.
    /// <paramref name="origin"/> gives, per atom of the result, the atom of <paramref name="m"/> it copies and which
    /// copy it is (1 for atoms outside every unit and for the first copy). The result keeps no repeat units; its
    /// position variations are remapped onto first copies. Returns null and says why when a unit cannot be
    /// expanded: it does not cross its brackets through exactly two bonds, its connection is not head-to-tail,
    /// units overlap, or k = 0 would bond an atom to itself or double an existing bond.</summary>
    public static Molecule? Expand(Molecule m, IReadOnlyList<int> counts, out (int Atom, int Copy)[] origin, out string? why)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count != m.RepeatUnits.Count) throw new ArgumentException("one count per repeat unit", nameof(counts));
        var current = m;
        origin = [.. Enumerable.Range(0, m.AtomCount).Select(i => (i, 1))];
        why = null;
        // Units still to expand, in the current molecule's atom numbering.
        var pending = m.RepeatUnits.Select(u => (IReadOnlyList<int>)[.. u.Atoms]).ToList();
        for (var u = 0; u < pending.Count; u++)
        {
            var unit = m.RepeatUnits[u];
            if (unit.Connection is not ("" or "ht"))
            {
                why = $"repeat unit '{unit.Subscript}' is connected '{unit.Connection}', only head-to-tail is expanded";
                return null;
            }
            if (counts[u] < 0) throw new ArgumentOutOfRangeException(nameof(counts), "a repeat count cannot be negative");
            var next = ExpandOne(current, pending[u], counts[u], out var from, out why);
            if (next is null) { why = $"repeat unit '{unit.Subscript}': {why}"; return null; }
            // Later units point at first copies (or at atoms outside this unit); an atom they need that k = 0 removed
            // means the units overlap.
            var firstCopy = new int[current.AtomCount];
            Array.Fill(firstCopy, -1);
            for (var i = 0; i < from.Length; i++) if (from[i].Copy == 1) firstCopy[from[i].Atom] = i;
            for (var w = u + 1; w < pending.Count; w++)
            {
                if (pending[w].Any(a => pending[u].Contains(a)))
                {
                    why = $"repeat units '{unit.Subscript}' and '{m.RepeatUnits[w].Subscript}' overlap";
                    return null;
                }
                pending[w] = [.. pending[w].Select(a => firstCopy[a])];
            }
            var prev = origin;
            origin = [.. from.Select(f => (prev[f.Atom].Atom, f.Copy == 1 ? prev[f.Atom].Copy : f.Copy))];
            current = next;
        }
        if (ReferenceEquals(current, m)) { current = m.Clone(); current.RepeatUnits.Clear(); }
        return current;
    }

    private static Molecule? ExpandOne(Molecule m, IReadOnlyList<int> unitAtoms, int k, out (int Atom, int Copy)[] from, out string? why)
    {
        from = [];
        why = null;
        var inUnit = new bool[m.AtomCount];
        foreach (var a in unitAtoms) inUnit[a] = true;
        var crossing = new List<int>();
        for (var b = 0; b < m.BondCount; b++)
            if (inUnit[m.Bonds[b].Begin] != inUnit[m.Bonds[b].End]) crossing.Add(b);
        if (crossing.Count != 2)
        {
            why = $"{crossing.Count} bond(s) cross its brackets, expected 2";
            return null;
        }
        // The first crossing bond (in bond order) enters the unit at its head; the second leaves it from its tail.
        var head = m.Bonds[crossing[0]];
        var tail = m.Bonds[crossing[1]];
        int left = inUnit[head.Begin] ? head.End : head.Begin, h = head.Other(left);
        int right = inUnit[tail.Begin] ? tail.End : tail.Begin, t = tail.Other(right);
        if (k == 0 && (left == right || m.BondBetween(left, right) is not null))
        {
            why = left == right ? "with no copies its outside atom would bond to itself" : "with no copies its outside neighbours would be bonded twice";
            return null;
        }

        var result = new Molecule { Name = m.Name };
        result.Properties.AddRange(m.Properties);
        var origins = new List<(int, int)>();
        // copyOf[c][atom]: the atom of copy c (1-based) in the result; copy 1 and outside atoms keep their order.
        var copyOf = new int[Math.Max(k, 1) + 1][];
        for (var c = 0; c < copyOf.Length; c++) { copyOf[c] = new int[m.AtomCount]; Array.Fill(copyOf[c], -1); }
        for (var i = 0; i < m.AtomCount; i++)
        {
            if (inUnit[i] && k == 0) continue;
            copyOf[1][i] = result.AddAtom(m.Atoms[i].Clone());
            origins.Add((i, 1));
        }
        var unitOrder = Enumerable.Range(0, m.AtomCount).Where(i => inUnit[i]).ToList();
        for (var c = 2; c <= k; c++)
            foreach (var i in unitOrder)
            {
                copyOf[c][i] = result.AddAtom(m.Atoms[i].Clone());
                origins.Add((i, c));
            }
        int Outside(int a) => copyOf[1][a];
        // Bonds as drawn (copy 1), in their original order so a single copy is exactly the drawn molecule.
        for (var b = 0; b < m.BondCount; b++)
        {
            var bond = m.Bonds[b];
            if (b == crossing[0]) result.AddBond(Linked(bond, left, Outside(left), k == 0 ? Outside(right) : copyOf[1][h]));
            else if (b == crossing[1]) { if (k == 1) result.AddBond(Linked(bond, right, Outside(right), copyOf[1][t])); }
            else if (inUnit[bond.Begin] && k == 0) continue;
            else result.AddBond(Copied(bond, copyOf[1]));
        }
        for (var c = 2; c <= k; c++)
        {
            // The tail bond joins copy c-1's tail to copy c's head.
            result.AddBond(Linked(tail, right, copyOf[c][h], copyOf[c - 1][t]));
            foreach (var bond in m.Bonds)
                if (inUnit[bond.Begin] && inUnit[bond.End]) result.AddBond(Copied(bond, copyOf[c]));
        }
        if (k >= 2) result.AddBond(Linked(tail, right, Outside(right), copyOf[k][t]));
        // Atoms whose bonds were re-ordered or re-pointed by the chaining lose their parity rather than keep a wrong one.
        if (k != 1)
        {
            foreach (var a in new[] { Outside(left), Outside(right) }) if (a >= 0) result.Atoms[a].Chirality = Chirality.None;
            for (var c = 1; c <= k; c++) { result.Atoms[copyOf[c][h]].Chirality = Chirality.None; result.Atoms[copyOf[c][t]].Chirality = Chirality.None; }
        }
        foreach (var pv in m.PositionVariations)
        {
            var atom = copyOf[1][pv.Atom];
            if (atom < 0) continue;
            var candidates = pv.Candidates.Select(x => copyOf[1][x]).Where(x => x >= 0).ToList();
            if (candidates.Count > 0) result.PositionVariations.Add(new PositionVariation(atom, candidates));
        }
        from = [.. origins];
        return result;
    }

    private static Bond Copied(Bond bond, int[] map)
    {
        var copy = bond.Clone();
        (copy.Begin, copy.End) = (map[bond.Begin], map[bond.End]);
        return copy;
    }

    /// <summary>A copy of a bond crossing the brackets whose outside end <paramref name="outside"/> becomes
    /// <paramref name="newOutside"/> and whose inside end becomes <paramref name="newInside"/> (drawn direction kept).</summary>
    private static Bond Linked(Bond bond, int outside, int newOutside, int newInside)
    {
        var copy = bond.Clone();
        (copy.Begin, copy.End) = bond.Begin == outside ? (newOutside, newInside) : (newInside, newOutside);
        return copy;
    }
}
