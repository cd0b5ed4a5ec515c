namespace Sieve.Chemistry.Perception;

/// <summary>RDKit's valence model (2022.09): explicit valence from bonds (aromatic = 1.5) and stated
/// hydrogens, checked against the element's valence list shifted by charge; implicit hydrogens for atoms
/// not written in brackets; radicals for bracket atoms whose valence is left open.</summary>
public static class Valence
{
    /// <summary>Explicit valence of one atom as RDKit computes it; throws <see cref="ValenceException"/>
    /// when it exceeds every allowed valence.</summary>
    public static int Explicit(Molecule m, int atomIndex, bool strict = true)
    {
        var atom = m.Atoms[atomIndex];
        double accum = 0;
        foreach (var b in m.BondsOf(atomIndex)) accum += ElementRules.Contribution(m.Bonds[b].Order);
        accum += atom.ExplicitHydrogens ?? 0;
        var z = atom.Element;
        var valences = z <= Elements.MaxAtomicNumber ? ElementRules.Valences(z) : [-1];
        var dv = valences[0];
        var chr = ElementRules.ValenceCharge(z, atom.Charge);
        if (accum > dv + chr && atom.IsAromatic)
        {
            // An aromatic atom over its default valence takes the nearest allowed valence below, if
            // within 1.5 (a fused-ring carbon's 4.5 becomes 4): aromatic atoms never gain H this way.
            var pval = dv + chr;
            foreach (var v in valences)
            {
                if (v == -1) break;
                if (v + chr > accum) break;
                pval = v + chr;
            }
            if (accum - pval <= 1.5) accum = pval;
        }
        // x.5 rounds up (2.5 -> 3), as RDKit does by adding 0.1 before rounding.
        var res = (int)Math.Round(accum + 0.1, MidpointRounding.ToEven);
        if (strict)
        {
            var effective = z > 0 && ElementRules.OuterElectrons(z) >= 4 ? res - atom.Charge : res + atom.Charge;
            var max = valences[^1];
            if (max > 0 && effective > max)
                throw new ValenceException(atomIndex, z, effective,
                    $"Explicit valence for atom # {atomIndex} {Elements.Symbol(z)}, {effective}, is greater than permitted");
        }
        return res;
    }

    /// <summary>Implicit hydrogens RDKit adds to an atom with the given explicit valence.</summary>
    public static int Implicit(Molecule m, int atomIndex, int explicitValence, bool strict = true)
    {
        var atom = m.Atoms[atomIndex];
        var z = atom.Element;
        if (z == 0 || atom.IsBracket) return 0;
        if (explicitValence == 0 && z == 1 && atom.RadicalElectrons == 0)
            return atom.Charge == 0 ? 1 : 0;
        var valences = ElementRules.Valences(z);
        var dv = valences[0];
        if (dv == -1) return 0;
        var ev = explicitValence + atom.RadicalElectrons;
        var chg = ElementRules.ValenceCharge(z, atom.Charge);
        if (atom.IsAromatic)
        {
            if (ev <= dv + chg) return dv + chg - ev;
            var ok = false;
            foreach (var v in valences)
            {
                if (v <= 0) break;
                if (ev == v + chg) { ok = true; break; }
            }
            if (!ok && strict)
                throw new ValenceException(atomIndex, z, explicitValence,
                    $"Explicit valence for aromatic atom # {atomIndex} {Elements.Symbol(z)}, {explicitValence}, is not an allowed valence");
            return 0;
        }
        foreach (var v in valences)
        {
            if (v < 0) break;
            var tot = v + chg;
            if (ev <= tot) return tot - ev;
        }
        if (strict && valences[^1] != -1)
            throw new ValenceException(atomIndex, z, explicitValence,
                $"Explicit valence for atom # {atomIndex} {Elements.Symbol(z)}, {explicitValence}, is greater than permitted");
        return 0;
    }

    /// <summary>Radicals for bracket atoms (which take no implicit H) whose bonds leave valence open,
    /// e.g. <c>[CH3]</c>. Runs on Kekulé bond orders.</summary>
    public static void AssignRadicals(Molecule m)
    {
        for (var i = 0; i < m.AtomCount; i++)
        {
            var atom = m.Atoms[i];
            if (!atom.IsBracket || atom.RadicalElectrons != 0 || atom.Element == 0) continue;
            var valences = ElementRules.Valences(atom.Element);
            var outer = ElementRules.OuterElectrons(atom.Element);
            if (valences.Length == 1 && valences[0] == -1)
            {
                // No preferred valence (transition metals): only the parity of the valence electrons says
                // whether one is unpaired.
                atom.RadicalElectrons = Math.Max(outer - atom.Charge, 0) % 2;
                continue;
            }
            double accum = 0;
            foreach (var b in m.BondsOf(i)) accum += ElementRules.Contribution(m.Bonds[b].Order);
            accum += atom.ExplicitHydrogens ?? 0;
            var total = (int)(accum + 0.1);
            var baseCount = atom.Element is 1 or 2 ? 2 : 8;
            var chg = atom.Charge;
            var radicals = baseCount - outer - total + chg;
            if (radicals < 0)
            {
                radicals = 0;
                if (valences.Length > 1)
                    foreach (var v in valences)
                        if (v - total + chg >= 0) { radicals = v - total + chg; break; }
            }
            var early = outer - total - chg;
            if (early >= 0) radicals = Math.Min(radicals, early);
            atom.RadicalElectrons = radicals;
        }
    }
}
