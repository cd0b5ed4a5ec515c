namespace Sieve.Chemistry.Perception;

/// <summary>The small element rules RDKit's valence and aromaticity code relies on.</summary>
internal static class ElementRules
{
    /// <summary>Elements left of carbon, where a positive charge removes valence (Na+ takes no H)
    /// instead of adding it; Ge, Sn and Pb count as early as RDKit decides.</summary>
    public static bool IsEarlyAtom(int z)
    {
        if (z <= 1) return false;
        return Elements.Get(z).OuterElectrons switch
        {
            1 or 2 or 3 => true,
            4 => z > 14,
            _ => false,
        };
    }

    public static int DefaultValence(int z) => (uint)z <= Elements.MaxAtomicNumber ? Elements.Get(z).DefaultValences[0] : -1;

    public static int[] Valences(int z) => Elements.Get(z).DefaultValences;

    public static int OuterElectrons(int z) => Elements.Get(z).OuterElectrons;

    /// <summary>The charge as it shifts the allowed valences (RDKit: sign flipped for early atoms and for C+).</summary>
    public static int ValenceCharge(int z, int charge)
    {
        if (IsEarlyAtom(z)) charge = -charge;
        if (z == 6 && charge > 0) charge = -charge;
        return charge;
    }

    /// <summary>RDKit's (deliberately simple) electronegativity order: more outer electrons wins,
    /// then the lighter element.</summary>
    public static bool MoreElectronegative(int z1, int z2)
    {
        var n1 = OuterElectrons(z1);
        var n2 = OuterElectrons(z2);
        return n1 > n2 || (n1 == n2 && z1 < z2);
    }

    public static double Contribution(BondOrder order) => order switch
    {
        BondOrder.Single => 1,
        BondOrder.Double => 2,
        BondOrder.Triple => 3,
        BondOrder.Quadruple => 4,
        BondOrder.Aromatic => 1.5,
        _ => 0,
    };
}
