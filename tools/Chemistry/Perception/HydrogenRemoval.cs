namespace Sieve.Chemistry.Perception;

/// <summary>RDKit's <c>RemoveHs</c> defaults for freshly read molecules: an explicit hydrogen atom that is
/// an ordinary substituent (no isotope, one neighbour, which is a heavy non-dummy atom, no stereo bond mark)
/// becomes part of its neighbour's hydrogen count. Tetrahedral parity is adjusted so it still describes the
/// same configuration under the implicit-H convention documented on <see cref="Smiles.SmilesReader"/>.</summary>
public static class HydrogenRemoval
{
    /// <summary>Returns <paramref name="m"/> itself when nothing is removed, otherwise a new molecule.</summary>
    public static Molecule RemoveOrdinaryHydrogens(Molecule m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var remove = new bool[m.AtomCount];
        var any = false;
        for (var i = 0; i < m.AtomCount; i++)
        {
            var a = m.Atoms[i];
            if (a.Element != 1 || a.Isotope != 0 || m.Degree(i) != 1 || a.Label is not null) continue;
            var bond = m.Bonds[m.BondsOf(i)[0]];
            var heavy = m.Atoms[bond.Other(i)];
            if (heavy.Element is 0 or 1 || bond.Order != BondOrder.Single || bond.Direction != BondDirection.None) continue;
            var pvUse = false;
            foreach (var pv in m.PositionVariations)
                if (pv.Atom == i || pv.Candidates.Contains(i)) pvUse = true;
            if (pvUse) continue;
            remove[i] = true;
            any = true;
        }
        if (!any) return m;

        var map = new int[m.AtomCount];
        var result = new Molecule { Name = m.Name };
        result.Properties.AddRange(m.Properties);
        for (var i = 0; i < m.AtomCount; i++)
            map[i] = remove[i] ? -1 : result.AddAtom(m.Atoms[i].Clone());
        var bondMap = new int[m.BondCount];
        for (var b = 0; b < m.BondCount; b++)
        {
            var bond = m.Bonds[b];
            if (remove[bond.Begin] || remove[bond.End]) { bondMap[b] = -1; continue; }
            var copy = bond.Clone();
            copy.Begin = map[bond.Begin];
            copy.End = map[bond.End];
            bondMap[b] = result.AddBond(copy);
        }
        var order = new List<int>();
        for (var i = 0; i < m.AtomCount; i++)
        {
            if (remove[i]) continue;
            order.Clear();
            var removedHere = -1;
            var removedCount = 0;
            var list = m.BondsOf(i);
            for (var k = 0; k < list.Count; k++)
            {
                if (bondMap[list[k]] >= 0) order.Add(bondMap[list[k]]);
                else { removedHere = k; removedCount++; }
            }
            result.SetBondOrderAt(map[i], order);
            if (removedCount == 0) continue;
            var atom = result.Atoms[map[i]];
            var had = atom.ExplicitHydrogens ?? 0;
            atom.ExplicitHydrogens = had + removedCount;
            if (atom.Chirality != Chirality.None && had == 0 && removedCount == 1)
                FixParity(m, i, removedHere, result, map[i]);
        }
        foreach (var pv in m.PositionVariations)
        {
            var cands = new List<int>();
            foreach (var c in pv.Candidates) cands.Add(map[c]);
            result.PositionVariations.Add(new PositionVariation(map[pv.Atom], cands));
        }
        foreach (var ru in m.RepeatUnits)
            result.RepeatUnits.Add(ru with { Atoms = [.. ru.Atoms.Where(a => map[a] >= 0).Select(a => map[a])] });
        return result;
    }

    /// <summary>The H sat at <paramref name="oldPosition"/> among the old neighbours; now it is implicit and
    /// sits first (atom begins its component) or second. An odd move flips the parity.</summary>
    private static void FixParity(Molecule old, int oldAtom, int oldPosition, Molecule now, int newAtom)
    {
        var count = old.Degree(oldAtom);
        var list = now.BondsOf(newAtom);
        var beginsComponent = list.Count == 0 || now.Bonds[list[0]].Other(newAtom) > newAtom;
        var newPosition = beginsComponent ? 0 : 1;
        if (newPosition > count - 1) newPosition = count - 1;
        // Moving one element from oldPosition to newPosition with the others in order is |d| swaps.
        if (Math.Abs(oldPosition - newPosition) % 2 == 1)
            now.Atoms[newAtom].Chirality = now.Atoms[newAtom].Chirality == Chirality.Clockwise ? Chirality.CounterClockwise : Chirality.Clockwise;
    }
}
