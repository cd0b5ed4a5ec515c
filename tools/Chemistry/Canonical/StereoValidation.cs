namespace Sieve.Chemistry.Canonical;

/// <summary>Drops stereo marks that describe no stereo (two equivalent substituents, double bonds in
/// small rings), as RDKit's stereo cleanup does, so that they cannot make the output depend on atom
/// numbering. Equivalence is judged by symmetry classes ranked without stereo.</summary>
internal static class StereoValidation
{
    public static void Apply(Molecule m, ComponentGraph g, int[] classes, Topology topology,
        byte[] parities, DoubleBondStereo?[] doubleBonds, int[] ringStereoGroup)
    {
        var ringCandidates = new List<int>();
        for (var i = 0; i < g.N; i++)
        {
            var a = g.Atoms[i];
            if (parities[a] == 0) continue;
            var tied = TiedPairs(g, classes, i);
            if (tied == 0) { g.Parity[i] = parities[a]; continue; }
            if (tied == 1 && g.RingAtom[i] && TiedAreRingNeighbours(g, classes, topology, i))
            {
                ringCandidates.Add(i);
                continue;
            }
            parities[a] = 0;
        }
        // Ring stereo (cis/trans across a ring): a centre whose two ring branches are equivalent is
        // real only together with another such centre in the same ring system.
        foreach (var i in ringCandidates)
        {
            var a = g.Atoms[i];
            var partner = false;
            foreach (var j in ringCandidates)
                if (j != i && SameRingSystem(m, topology, a, g.Atoms[j])) { partner = true; break; }
            if (partner)
            {
                g.Parity[i] = parities[a];
                ringStereoGroup[a] = RingSystemId(m, topology, a);
            }
            else parities[a] = 0;
        }
        // Normalising a group (inverting all its centres) is only sound when swapping each centre's two
        // equivalent branches moves no other centre: not so in cages where a centre is itself one of
        // another centre's equivalent branches. Such groups are written as they are.
        foreach (var i in ringCandidates)
        {
            var a = g.Atoms[i];
            if (ringStereoGroup[a] < 0) continue;
            for (var x = g.Start[i]; x < g.Start[i + 1]; x++)
                for (var y = x + 1; y < g.Start[i + 1]; y++)
                {
                    if (classes[g.Nbr[x]] != classes[g.Nbr[y]]) continue;
                    if (g.Parity[g.Nbr[x]] != 0 || g.Parity[g.Nbr[y]] != 0)
                        DisbandGroup(m, ringStereoGroup, ringStereoGroup[a]);
                }
        }

        int[]? cip = null;
        for (var i = 0; i < g.N; i++)
        {
            for (var e = g.Start[i]; e < g.Start[i + 1]; e++)
            {
                var bi = g.NbrBond[e];
                if (doubleBonds[bi] is not { } st) continue;
                var b = m.Bonds[bi];
                if (g.Atoms[i] != b.Begin) continue; // handle each bond once, from its Begin atom
                var j = g.Nbr[e];
                if (!EndIsStereo(g, classes, i, j) || !EndIsStereo(g, classes, j, i)
                    || topology.SmallestRingThrough(bi, 8) is > 0 and < 8)
                {
                    doubleBonds[bi] = null;
                    continue;
                }
                // E/Z from RDKit's legacy CIP priorities; a tie between an end's two substituents there
                // means RDKit sees no stereo, and neither do we.
                cip ??= CipRanks.Compute(m, g);
                var localOfRefA = Highest(g, cip, i, j);
                var localOfRefB = Highest(g, cip, j, i);
                if (localOfRefA < 0 || localOfRefB < 0)
                {
                    doubleBonds[bi] = null;
                    continue;
                }
                var cisHigh = st.Cis ^ (g.Atoms[localOfRefA] != st.RefBegin) ^ (g.Atoms[localOfRefB] != st.RefEnd);
                var code = cisHigh ? (byte)2 : (byte)3;
                g.BondStereo[e] = code;
                for (var f = g.Start[j]; f < g.Start[j + 1]; f++)
                    if (g.NbrBond[f] == bi) g.BondStereo[f] = code;
            }
        }
    }

    /// <summary>Number of neighbour pairs sharing a symmetry class.</summary>
    private static int TiedPairs(ComponentGraph g, int[] classes, int i)
    {
        var tied = 0;
        for (var x = g.Start[i]; x < g.Start[i + 1]; x++)
            for (var y = x + 1; y < g.Start[i + 1]; y++)
                if (classes[g.Nbr[x]] == classes[g.Nbr[y]]) tied++;
        return tied;
    }

    private static bool TiedAreRingNeighbours(ComponentGraph g, int[] classes, Topology t, int i)
    {
        for (var x = g.Start[i]; x < g.Start[i + 1]; x++)
            for (var y = x + 1; y < g.Start[i + 1]; y++)
                if (classes[g.Nbr[x]] == classes[g.Nbr[y]])
                    return t.RingBond[g.NbrBond[x]] && t.RingBond[g.NbrBond[y]];
        return false;
    }

    private static void DisbandGroup(Molecule m, int[] ringStereoGroup, int group)
    {
        for (var a = 0; a < m.AtomCount; a++)
            if (ringStereoGroup[a] == group) ringStereoGroup[a] = -1;
    }

    /// <summary>Lowest atom index of the ring system (atoms joined by ring bonds) holding <paramref name="a"/>.</summary>
    private static int RingSystemId(Molecule m, Topology t, int a)
    {
        var seen = new HashSet<int> { a };
        var stack = new Stack<int>();
        stack.Push(a);
        var min = a;
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            if (x < min) min = x;
            foreach (var bi in m.BondsOf(x))
            {
                if (!t.RingBond[bi]) continue;
                var o = m.Bonds[bi].Other(x);
                if (seen.Add(o)) stack.Push(o);
            }
        }
        return min;
    }

    private static bool SameRingSystem(Molecule m, Topology t, int a, int b)
    {
        var seen = new HashSet<int> { a };
        var stack = new Stack<int>();
        stack.Push(a);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            if (x == b) return true;
            foreach (var bi in m.BondsOf(x))
            {
                if (!t.RingBond[bi]) continue;
                var o = m.Bonds[bi].Other(x);
                if (seen.Add(o)) stack.Push(o);
            }
        }
        return false;
    }

    /// <summary>An end of a double bond carries stereo when its (one or two) other neighbours differ.</summary>
    private static bool EndIsStereo(ComponentGraph g, int[] classes, int end, int other)
    {
        var first = -1;
        for (var e = g.Start[end]; e < g.Start[end + 1]; e++)
        {
            var n = g.Nbr[e];
            if (n == other) continue;
            if (first < 0) first = classes[n];
            else if (classes[n] == first) return false;
        }
        return first >= 0;
    }

    /// <summary>The end's substituent with the highest rank, or -1 when its two substituents tie.</summary>
    private static int Highest(ComponentGraph g, int[] ranks, int end, int other)
    {
        var best = -1;
        var tie = false;
        for (var e = g.Start[end]; e < g.Start[end + 1]; e++)
        {
            var n = g.Nbr[e];
            if (n == other) continue;
            if (best < 0 || ranks[n] > ranks[best]) { best = n; tie = false; }
            else if (ranks[n] == ranks[best]) tie = true;
        }
        return tie ? -1 : best;
    }
}
