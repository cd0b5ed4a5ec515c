namespace Sieve.Chemistry.Molfile;

/// <summary>Decides when a writer must state an atom's valence: when the hydrogen count a reader's
/// default valence model would give differs from the atom's own. Writing it more often than needed is
/// harmless (the field states the truth), so the estimate errs towards writing.</summary>
internal static class ValenceField
{
    /// <summary>The valence to write, or null when a reader would get the hydrogens right unaided.</summary>
    public static int? Needed(Molecule m, int atomIndex, int bondValence)
    {
        var atom = m.Atoms[atomIndex];
        var total = bondValence + atom.TotalHydrogens;
        if (atom.RadicalElectrons != 0) return total;
        if (atom.Element == 0) return null;
        var estimate = DefaultHydrogens(atom, bondValence);
        return estimate == atom.TotalHydrogens ? null : total;
    }

    /// <summary>RDKit-style implicit hydrogens: the smallest default valence (shifted by the charge the
    /// way RDKit shifts it) that covers the bonds, minus the bonds; -1 when no rule applies.</summary>
    private static int DefaultHydrogens(Atom atom, int bondValence)
    {
        var data = Elements.Get(atom.Element);
        if (data.DefaultValences.Length == 0 || data.DefaultValences[0] < 0) return 0;
        var charge = atom.Charge;
        // Atoms with fewer than four outer electrons lose valence when positive (B-, C+ behave like C, B).
        if (data.OuterElectrons < 4 || (atom.Element == 6 && charge > 0)) charge = -charge;
        foreach (var dv in data.DefaultValences)
        {
            var v = dv + charge;
            if (v >= bondValence) return v - bondValence;
        }
        return -1;
    }
}
