namespace Sieve.Chemistry.Perception;

/// <summary>RDKit's sanitization clean-up step: hypervalent drawings that have a charge-separated form are
/// rewritten to it before the valence check, so <c>CN(=O)=O</c> reads as <c>C[N+](=O)[O-]</c>,
/// <c>N=N#N</c> as <c>N=[N+]=[N-]</c>, <c>C=P(=O)</c> ylides as <c>C=[P+][O-]</c> and
/// <c>O=Cl(=O)(=O)[O-]</c> as perchlorate with <c>Cl+3</c>.</summary>
internal static class Cleanup
{
    public static void Apply(Molecule m)
    {
        for (var i = 0; i < m.AtomCount; i++)
        {
            switch (m.Atoms[i].Element)
            {
                case 7:
                    Nitrogen(m, i);
                    break;
                case 15:
                    Phosphorus(m, i);
                    break;
                case 17 or 35 or 53:
                    Halogen(m, i);
                    break;
            }
        }
    }

    /// <summary>Valence with aromatic bonds at 1.5 and no aromatic special case.</summary>
    private static int PlainValence(Molecule m, int i)
    {
        double accum = m.Atoms[i].ExplicitHydrogens ?? 0;
        foreach (var b in m.BondsOf(i)) accum += ElementRules.Contribution(m.Bonds[b].Order);
        return (int)Math.Round(accum + 0.1);
    }

    /// <summary>Neutral five-valent N: the first =O (neutral) becomes N+-O-, or the first #N becomes N+=N-.</summary>
    private static void Nitrogen(Molecule m, int i)
    {
        if (m.Atoms[i].Charge != 0 || PlainValence(m, i) != 5) return;
        foreach (var b in m.BondsOf(i))
        {
            var bond = m.Bonds[b];
            var o = m.Atoms[bond.Other(i)];
            if (o.Charge != 0) continue;
            if (o.Element == 8 && bond.Order == BondOrder.Double) bond.Order = BondOrder.Single;
            else if (o.Element == 7 && bond.Order == BondOrder.Triple) bond.Order = BondOrder.Double;
            else continue;
            m.Atoms[i].Charge = 1;
            o.Charge = -1;
            return;
        }
    }

    /// <summary>Neutral P with valence 5 and three neighbours, double-bonded to O and to a C or N that has
    /// other neighbours: the P=O becomes P+-O-.</summary>
    private static void Phosphorus(Molecule m, int i)
    {
        if (m.Atoms[i].Charge != 0 || PlainValence(m, i) != 5 || m.Degree(i) != 3) return;
        var toOxygen = -1;
        var doubleToCOrN = false;
        foreach (var b in m.BondsOf(i))
        {
            var bond = m.Bonds[b];
            var other = bond.Other(i);
            var o = m.Atoms[other];
            if (bond.Order != BondOrder.Double) continue;
            if (o.Element == 8 && o.Charge == 0) toOxygen = b;
            else if (o.Element is 6 or 7 && m.Degree(other) >= 2) doubleToCOrN = true;
        }
        if (!doubleToCOrN || toOxygen < 0) return;
        m.Bonds[toOxygen].Order = BondOrder.Single;
        m.Atoms[m.Bonds[toOxygen].Other(i)].Charge = -1;
        m.Atoms[i].Charge = 1;
    }

    /// <summary>Neutral Cl/Br/I with valence 3, 5 or 7 bonded only to oxygens: each =O becomes -O- and the
    /// halogen takes the matching positive charge.</summary>
    private static void Halogen(Molecule m, int i)
    {
        var ev = PlainValence(m, i);
        if (m.Atoms[i].Charge != 0 || ev is not (3 or 5 or 7)) return;
        foreach (var b in m.BondsOf(i))
            if (m.Atoms[m.Bonds[b].Other(i)].Element != 8) return;
        var charge = 0;
        foreach (var b in m.BondsOf(i))
        {
            var bond = m.Bonds[b];
            if (bond.Order != BondOrder.Double) continue;
            bond.Order = BondOrder.Single;
            m.Atoms[bond.Other(i)].Charge = -1;
            charge++;
        }
        m.Atoms[i].Charge = charge;
    }
}
