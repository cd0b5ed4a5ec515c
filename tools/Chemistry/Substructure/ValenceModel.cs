namespace Sieve.Chemistry.Substructure;

/// <summary>Explicit valence the way RDKit counts it for the SMARTS <c>v</c> primitive: aromatic bonds weigh
/// 1.5, and an aromatic atom whose sum overshoots its default valence is pulled back to the nearest allowed
/// valence (so a ring-fusion carbon with three aromatic bonds has valence 4, not 4.5 rounded up).</summary>
internal static class ValenceModel
{
    public static int ExplicitValence(TargetView target, int index, Atom atom)
    {
        double accum = 0;
        for (var k = target.AdjStart[index]; k < target.AdjStart[index + 1]; k++)
            accum += target.BondType[target.AdjBond[k]] switch
            {
                TargetBondType.Single => 1,
                TargetBondType.Double => 2,
                TargetBondType.Triple => 3,
                TargetBondType.Quadruple => 4,
                TargetBondType.Aromatic => 1.5,
                _ => 0,
            };
        accum += atom.ExplicitHydrogens ?? 0;

        var z = atom.Element;
        if (atom.IsAromatic && z > 0 && z <= Elements.MaxAtomicNumber)
        {
            var valences = Elements.Get(z).DefaultValences;
            var dv = valences[0];
            if (dv >= 0 && accum > dv)
            {
                var chr = atom.Charge;
                if (IsEarlyAtom(z)) chr = -chr;
                if (z == 6 && chr > 0) chr = -chr;
                var best = dv + chr;
                foreach (var v in valences)
                {
                    if (v < 0) break;
                    if (v + chr > accum) break;
                    best = v + chr;
                }
                if (accum - best <= 1.5) accum = best;
            }
        }
        // x.5 sums (a lone aromatic bond pair plus a single) round up, as RDKit does.
        return (int)Math.Round(accum + 0.1, MidpointRounding.AwayFromZero);
    }

    // Atoms left of carbon whose charge raises rather than lowers the valence they can reach.
    private static bool IsEarlyAtom(int z) => z != 1 && z <= Elements.MaxAtomicNumber && Elements.Get(z).OuterElectrons < 4;
}
