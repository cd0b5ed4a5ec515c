namespace Sieve.Chemistry.Perception;

/// <summary>RDKit's sanitization clean-up step: hypervalent drawings that have a charge-separated form are
/// rewritten to it before the valence check, so <c>CN(=O)=O</c> reads as <c>C[N+](=O)[O-]</c> and
/// <c>O=Cl(=O)(=O)[O-]</c> as perchlorate with <c>Cl+3</c>.</summary>
internal static class Cleanup
{
    public static void Apply(Molecule m)
    {
        for (var i = 0; i < m.AtomCount; i++)
        {
            var atom = m.Atoms[i];
            if (atom.Charge != 0) continue;
            switch (atom.Element)
            {
                case 7:
                    NitrogenFive(m, i);
                    break;
                case 17 or 35 or 53:
                    Halogen(m, i);
                    break;
            }
        }
    }

    private static bool IsDoubleOxygen(Molecule m, int center, int bond, out int oxygen)
    {
        var b = m.Bonds[bond];
        oxygen = b.Other(center);
        var o = m.Atoms[oxygen];
        return b.Order == BondOrder.Double && o.Element == 8 && o.Charge == 0 && m.Degree(oxygen) == 1;
    }

    /// <summary>Neutral N with valence 5 and a double-bonded O: N+ and O- (nitro, aromatic N-oxide).</summary>
    private static void NitrogenFive(Molecule m, int i)
    {
        if (Valence.Explicit(m, i, strict: false) != 5) return;
        foreach (var b in m.BondsOf(i))
        {
            if (!IsDoubleOxygen(m, i, b, out var o)) continue;
            m.Bonds[b].Order = BondOrder.Single;
            m.Atoms[i].Charge = 1;
            m.Atoms[o].Charge = -1;
            return;
        }
    }

    /// <summary>Neutral Cl/Br/I bonded only to oxygens with valence above 1: each =O becomes -O- and the
    /// halogen takes the matching positive charge.</summary>
    private static void Halogen(Molecule m, int i)
    {
        if (Valence.Explicit(m, i, strict: false) <= 1) return;
        foreach (var b in m.BondsOf(i))
            if (m.Atoms[m.Bonds[b].Other(i)].Element != 8) return;
        var charge = 0;
        foreach (var b in m.BondsOf(i))
        {
            if (!IsDoubleOxygen(m, i, b, out var o)) continue;
            m.Bonds[b].Order = BondOrder.Single;
            m.Atoms[o].Charge = -1;
            charge++;
        }
        m.Atoms[i].Charge = charge;
    }
}
