namespace Sieve.Chemistry.Perception;

/// <summary>RDKit's default aromaticity model on a Kekulé molecule: ring atoms are classified by the
/// π electrons they can donate; candidate rings (all atoms candidates) are tested alone and in fused
/// combinations of up to six rings, each sharing exactly one bond with a neighbour (rings over 24 atoms never
/// fuse), against 4n+2.</summary>
public static class Aromaticity
{
    private const int MaxFusedRingSize = 24;
    private const int MaxFusedRings = 6;

    private enum Donor : byte { Vacant, One, Two, OneOrTwo, Any, None }

    /// <summary>Sets aromatic flags on atoms and bonds (aromatic single/double bonds become
    /// <see cref="BondOrder.Aromatic"/>). Expects Kekulé bonds, implicit H, radicals and <see cref="Molecule.Rings"/>.</summary>
    public static void Perceive(Molecule m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var rings = m.Rings ?? (m.Rings = RingPerception.Perceive(m));
        if (rings.RingCount == 0) return;
        var n = m.AtomCount;
        var explicitValence = new int[n];
        for (var i = 0; i < n; i++) explicitValence[i] = Valence.Explicit(m, i, strict: false);

        var seen = new bool[n];
        var cand = new bool[n];
        var donor = new Donor[n];
        var cRings = new List<int[]>();
        var cBondRings = new List<int[]>();
        for (var r = 0; r < rings.RingCount; r++)
        {
            var ring = rings.AtomRings[r];
            var allCand = true;
            var allDummy = true;
            foreach (var a in ring)
            {
                if (m.Atoms[a].Element != 0) allDummy = false;
                if (seen[a]) { if (!cand[a]) allCand = false; continue; }
                seen[a] = true;
                donor[a] = DonorType(m, a, rings, explicitValence);
                cand[a] = IsCandidate(m, a, donor[a], explicitValence);
                if (!cand[a]) allCand = false;
            }
            if (allCand && !allDummy)
            {
                cRings.Add(ring);
                cBondRings.Add(rings.BondRings[r]);
            }
        }
        if (cRings.Count == 0) return;

        // Rings are neighbours when they share exactly one bond (only rings up to 24 atoms take part in fusion).
        var nr = cRings.Count;
        var neighbours = new List<int>[nr];
        for (var i = 0; i < nr; i++) neighbours[i] = [];
        for (var i = 0; i < nr; i++)
        {
            if (cBondRings[i].Length > MaxFusedRingSize) continue;
            for (var j = i + 1; j < nr; j++)
            {
                if (cBondRings[j].Length > MaxFusedRingSize) continue;
                if (SharedCount(cBondRings[i], cBondRings[j]) == 1) { neighbours[i].Add(j); neighbours[j].Add(i); }
            }
        }

        var fusedDone = new bool[nr];
        for (var curr = 0; curr < nr; curr++)
        {
            if (fusedDone[curr]) continue;
            var fused = new List<int>();
            PickFused(curr, neighbours, fused, fusedDone);
            ApplyHuckelToFused(m, cRings, cBondRings, fused, donor, neighbours);
        }
    }

    private static int SharedCount(int[] a, int[] b)
    {
        var n = 0;
        foreach (var x in a) foreach (var y in b) if (x == y) n++;
        return n;
    }

    private static void PickFused(int curr, List<int>[] neighbours, List<int> res, bool[] done)
    {
        done[curr] = true;
        res.Add(curr);
        foreach (var nb in neighbours[curr])
            if (!done[nb]) PickFused(nb, neighbours, res, done);
    }

    private static void ApplyHuckelToFused(Molecule m, List<int[]> rings, List<int[]> bondRings, List<int> fused,
        Donor[] donor, List<int>[] neighbours)
    {
        var nrings = fused.Count;
        var fusedBonds = new HashSet<int>();
        foreach (var r in fused) foreach (var b in bondRings[r]) fusedBonds.Add(b);
        var doneBonds = new HashSet<int>();
        var curSize = 0;
        var comb = Array.Empty<int>();
        var pos = -1;
        var inRings = new Dictionary<int, int>();
        var union = new List<int>();
        var current = new List<int>();
        while (true)
        {
            if (pos == -1)
            {
                // Huge ring systems stop after pairs, as RDKit does (the search is exponential).
                if (curSize == 2 && nrings > 300) break;
                curSize++;
                // Stop at six rings, or once every bond of the system is aromatic.
                if (curSize > Math.Min(nrings, MaxFusedRings) || doneBonds.Count >= fusedBonds.Count) break;
                comb = new int[curSize];
                for (var i = 0; i < curSize; i++) comb[i] = i;
                pos = 0;
            }
            else
            {
                pos = NextCombination(comb, nrings);
            }
            if (pos == -1) continue;

            current.Clear();
            foreach (var c in comb) current.Add(fused[c]);
            if (current.Count > 1 && !IsFused(current, neighbours)) continue;

            // Electrons are counted over atoms in one or two of the rings: an atom shared by three
            // (the centre of acepentalene) is inside the system, not on its perimeter.
            inRings.Clear();
            foreach (var r in current) foreach (var a in rings[r]) inRings[a] = inRings.GetValueOrDefault(a) + 1;
            union.Clear();
            foreach (var (a, count) in inRings) if (count is 1 or 2) union.Add(a);
            if (!Huckel(union, donor)) continue;

            foreach (var r in current)
                foreach (var a in rings[r]) m.Atoms[a].IsAromatic = true;
            // Only bonds on the outside of the combination become aromatic, not the fusion bonds.
            var counts = new Dictionary<int, int>();
            foreach (var r in current)
                foreach (var b in bondRings[r]) counts[b] = counts.GetValueOrDefault(b) + 1;
            foreach (var (b, count) in counts)
            {
                if (count != 1) continue;
                var bond = m.Bonds[b];
                bond.IsAromatic = true;
                if (bond.Order is BondOrder.Single or BondOrder.Double) bond.Order = BondOrder.Aromatic;
                doneBonds.Add(b);
            }
        }
    }

    private static int NextCombination(int[] comb, int tot)
    {
        var nelem = comb.Length;
        var celem = nelem - 1;
        while (comb[celem] == tot - nelem + celem)
        {
            celem--;
            if (celem < 0) return -1;
        }
        comb[celem]++;
        for (var i = celem + 1; i < nelem; i++) comb[i] = comb[i - 1] + 1;
        return celem;
    }

    private static bool IsFused(List<int> ids, List<int>[] neighbours)
    {
        var inSet = new HashSet<int>(ids);
        var reached = new HashSet<int> { ids[0] };
        var stack = new Stack<int>();
        stack.Push(ids[0]);
        while (stack.Count > 0)
        {
            var r = stack.Pop();
            foreach (var nb in neighbours[r])
                if (inSet.Contains(nb) && reached.Add(nb)) stack.Push(nb);
        }
        return reached.Count == ids.Count;
    }

    private static bool Huckel(List<int> atoms, Donor[] donor)
    {
        int lo = 0, hi = 0, any = 0;
        foreach (var a in atoms)
        {
            // At most one wildcard atom may make up the electron count.
            if (donor[a] == Donor.Any && ++any > 1) return false;
            var (l, h) = donor[a] switch
            {
                Donor.Any => (1, 2),
                Donor.OneOrTwo => (1, 2),
                Donor.One => (1, 1),
                Donor.Two => (2, 2),
                _ => (0, 0),
            };
            lo += l;
            hi += h;
        }
        if (hi >= 6)
        {
            for (var e = lo; e <= hi; e++)
                if ((e - 2) % 4 == 0) return true;
            return false;
        }
        return hi == 2;
    }

    private static bool IsCandidate(Molecule m, int i, Donor donor, int[] explicitValence)
    {
        var atom = m.Atoms[i];
        var z = atom.Element;
        if (z > 18 && z != 34 && z != 52) return false;
        if (donor == Donor.None) return false;
        var defVal = ElementRules.DefaultValence(z);
        if (defVal > 0)
        {
            // RDKit compares with the default valence of the isoelectronic element (N+ like C, O+ like N).
            var iso = z - atom.Charge;
            var isoValence = iso is >= 0 and <= Elements.MaxAtomicNumber ? ElementRules.DefaultValence(iso) : -1;
            if (explicitValence[i] + atom.ImplicitHydrogens > isoValence) return false;
        }
        if (atom.RadicalElectrons != 0 && (z != 6 || atom.Charge != 0)) return false;
        if (explicitValence[i] - m.Degree(i) > 1)
        {
            var multiple = 0;
            foreach (var b in m.BondsOf(i))
                if (m.Bonds[b].Order is BondOrder.Double or BondOrder.Triple) multiple++;
            if (multiple > 1) return false;
        }
        return true;
    }

    private static Donor DonorType(Molecule m, int i, RingInfo rings, int[] explicitValence)
    {
        var atom = m.Atoms[i];
        if (atom.Element == 0) return IncidentCyclicMultiple(m, i, rings) ? Donor.One : Donor.Any;
        var nelec = CountElectrons(m, i, explicitValence);
        if (nelec < 0) return Donor.None;
        var who = IncidentNonCyclicMultiple(m, i, rings);
        if (nelec == 0)
        {
            if (who >= 0) return Donor.Vacant;
            return IncidentCyclicMultiple(m, i, rings) ? Donor.One : Donor.None;
        }
        if (nelec == 1)
        {
            if (who >= 0)
                return ElementRules.MoreElectronegative(m.Atoms[who].Element, atom.Element) ? Donor.Vacant : Donor.One;
            if (IncidentMultiple(m, i, explicitValence)) return Donor.One;
            return atom.Charge == 1 ? Donor.Vacant : Donor.None;
        }
        // An exocyclic multiple bond to a more electronegative atom takes one electron away.
        if (who >= 0 && ElementRules.MoreElectronegative(m.Atoms[who].Element, atom.Element)) nelec--;
        return nelec % 2 == 1 ? Donor.One : Donor.Two;
    }

    /// <summary>π electrons the atom can offer (RDKit's countAtomElec); -1 when it cannot take part.</summary>
    private static int CountElectrons(Molecule m, int i, int[] explicitValence)
    {
        var atom = m.Atoms[i];
        var z = atom.Element;
        var dv = ElementRules.DefaultValence(z);
        if (dv <= 1) return -1;
        var degree = m.Degree(i) + atom.TotalHydrogens;
        foreach (var b in m.BondsOf(i)) if (Math.Round(ElementRules.Contribution(m.Bonds[b].Order), MidpointRounding.AwayFromZero) == 0) degree--;
        if (degree > 3) return -1;
        var nlp = Math.Max(ElementRules.OuterElectrons(z) - dv - atom.Charge, 0);
        var res = dv - degree + nlp - atom.RadicalElectrons;
        if (res > 1 && explicitValence[i] - m.Degree(i) > 1) res = 1;
        return res;
    }

    private static int IncidentNonCyclicMultiple(Molecule m, int i, RingInfo rings)
    {
        foreach (var b in m.BondsOf(i))
            if (!rings.IsBondInRing(b) && ElementRules.Contribution(m.Bonds[b].Order) >= 2)
                return m.Bonds[b].Other(i);
        return -1;
    }

    private static bool IncidentCyclicMultiple(Molecule m, int i, RingInfo rings)
    {
        foreach (var b in m.BondsOf(i))
            if (rings.IsBondInRing(b) && ElementRules.Contribution(m.Bonds[b].Order) >= 2)
                return true;
        return false;
    }

    private static bool IncidentMultiple(Molecule m, int i, int[] explicitValence)
    {
        var deg = m.Degree(i) + (m.Atoms[i].ExplicitHydrogens ?? 0);
        foreach (var b in m.BondsOf(i)) if (Math.Round(ElementRules.Contribution(m.Bonds[b].Order), MidpointRounding.AwayFromZero) == 0) deg--;
        return explicitValence[i] != deg;
    }
}
