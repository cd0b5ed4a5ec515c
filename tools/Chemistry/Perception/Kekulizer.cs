namespace Sieve.Chemistry.Perception;

/// <summary>Turns aromatic bonds into alternating single/double bonds. Which atoms need a double bond
/// follows RDKit's rule (default valence shifted by charge, counting bonds, hydrogens and radicals);
/// the assignment itself is an exact matching search, so it succeeds whenever a Kekulé form exists.</summary>
public static class Kekulizer
{
    // Backtracking budget; real molecules need a handful of steps thanks to forced-move propagation.
    private const int MaxSteps = 1_000_000;

    /// <summary>Kekulize <paramref name="m"/> in place. Implicit hydrogen counts must already be set
    /// (see <see cref="Sanitizer"/>). With <paramref name="clearAromaticFlags"/> atoms and bonds lose their
    /// aromatic flags; otherwise the flags stay and only bond orders change.</summary>
    /// <exception cref="KekulizeException">No Kekulé form exists, or an aromatic atom is not in a ring.</exception>
    public static void Kekulize(Molecule m, bool clearAromaticFlags)
    {
        ArgumentNullException.ThrowIfNull(m);
        var anyAromatic = false;
        foreach (var b in m.Bonds) if (b.Order == BondOrder.Aromatic || b.IsAromatic) { anyAromatic = true; break; }
        if (!anyAromatic)
        {
            if (clearAromaticFlags) foreach (var a in m.Atoms) a.IsAromatic = false;
            CheckAromaticAtomsInRings(m);
            return;
        }
        var rings = m.Rings ?? RingPerception.Perceive(m);
        CheckAromaticAtomsInRings(m, rings);

        var n = m.AtomCount;
        var isAromaticBond = new bool[m.BondCount];
        for (var i = 0; i < m.BondCount; i++)
        {
            var b = m.Bonds[i];
            isAromaticBond[i] = b.Order == BondOrder.Aromatic || (b.IsAromatic && b.Order is BondOrder.Single or BondOrder.Double);
        }

        // Dummy atoms may stand for an aromatic atom: their single ring bonds to aromatic atoms can take the
        // double bond too (RDKit allows a dummy end on any bond during kekulization).
        var eligible = (bool[])isAromaticBond.Clone();
        for (var i = 0; i < m.BondCount; i++)
        {
            var b = m.Bonds[i];
            if (eligible[i] || b.Order != BondOrder.Single || !rings.IsBondInRing(i)) continue;
            var (x, y) = (m.Atoms[b.Begin], m.Atoms[b.End]);
            if ((x.Element == 0 && (y.IsAromatic || y.Element == 0)) || (y.Element == 0 && x.IsAromatic)) eligible[i] = true;
        }

        var need = new bool[n];     // must get exactly one double bond
        var optional = new bool[n]; // dummy atoms: may take one
        for (var i = 0; i < n; i++)
        {
            var atom = m.Atoms[i];
            if (!atom.IsAromatic && atom.Element != 0) continue;
            var hasAromaticBond = false;
            foreach (var b in m.BondsOf(i)) if (eligible[b]) { hasAromaticBond = true; break; }
            if (!hasAromaticBond) continue;
            if (atom.Element == 0) { optional[i] = true; continue; }
            if (NeedsDoubleBond(m, i, isAromaticBond)) need[i] = true;
        }

        foreach (var i in Enumerable.Range(0, m.BondCount))
            if (isAromaticBond[i]) m.Bonds[i].Order = BondOrder.Single;

        var solver = new KekuleMatcher(m, eligible, need, optional, MaxSteps);
        if (!solver.Solve(out var doubles))
        {
            var bad = new List<int>();
            for (var i = 0; i < n; i++) if (need[i]) bad.Add(i);
            // Leave the molecule as it was given: aromatic bonds back.
            for (var i = 0; i < m.BondCount; i++) if (isAromaticBond[i]) m.Bonds[i].Order = BondOrder.Aromatic;
            throw new KekulizeException(bad, $"Can't kekulize mol.  Unkekulized atoms: {string.Join(' ', bad)}");
        }
        foreach (var b in doubles) m.Bonds[b].Order = BondOrder.Double;

        if (clearAromaticFlags)
        {
            foreach (var a in m.Atoms) a.IsAromatic = false;
            foreach (var b in m.Bonds) b.IsAromatic = false;
        }
    }

    private static void CheckAromaticAtomsInRings(Molecule m, RingInfo? rings = null)
    {
        for (var i = 0; i < m.AtomCount; i++)
        {
            if (!m.Atoms[i].IsAromatic) continue;
            rings ??= m.Rings ?? RingPerception.Perceive(m);
            if (!rings.IsAtomInRing(i))
                throw new KekulizeException([i], $"non-ring atom {i} marked aromatic");
        }
    }

    /// <summary>RDKit's candidate test: the atom's bonds (aromatic ones counted as single), hydrogens and
    /// radicals fall exactly one short of its (charge-shifted) valence.</summary>
    private static bool NeedsDoubleBond(Molecule m, int i, bool[] isAromaticBond)
    {
        var atom = m.Atoms[i];
        var z = atom.Element;
        var sbo = 0;
        var ignored = 0;
        foreach (var b in m.BondsOf(i))
        {
            if (isAromaticBond[b]) { sbo++; continue; }
            var contrib = (int)Math.Round(ElementRules.Contribution(m.Bonds[b].Order), MidpointRounding.AwayFromZero);
            sbo += contrib;
            if (contrib == 0) ignored++;
        }
        sbo += atom.TotalHydrogens;
        var valences = ElementRules.Valences(z);
        var chrg = ElementRules.ValenceCharge(z, atom.Charge);
        var dv = valences[0] + chrg;
        var tbo = Valence.Explicit(m, i, strict: false) + atom.ImplicitHydrogens;
        var radicals = atom.RadicalElectrons;
        var totalDegree = m.Degree(i) + atom.ImplicitHydrogens - ignored;
        for (var vi = 1; tbo > dv && vi < valences.Length && valences[vi] > 0; vi++) dv = valences[vi] + chrg;
        if (totalDegree + radicals >= dv) return false;
        if (dv == sbo + 1 + radicals) return true;
        // A bracket atom without radicals could still take one: RDKit lets it be a candidate.
        return radicals == 0 && atom.IsBracket && dv == sbo + 2;
    }
}
