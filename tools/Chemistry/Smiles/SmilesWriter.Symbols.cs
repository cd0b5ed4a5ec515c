using System.Globalization;
using System.Text;

namespace Sieve.Chemistry.Smiles;

/// <summary>Atom and bond text as RDKit writes it: organic-subset atoms bare when their valence is a
/// default one, brackets for charge, isotope, stereo, atom maps, radicals and unusual valence.</summary>
internal static class SmilesSymbols
{
    public static bool InOrganicSubset(int z) => z is 0 or 5 or 6 or 7 or 8 or 9 or 15 or 16 or 17 or 35 or 53;

    public static bool IsAromaticBond(Bond b) => b.IsAromatic || b.Order == BondOrder.Aromatic;

    /// <summary>RDKit's total valence: bond orders (aromatic 1.5) rounded down, plus hydrogens.</summary>
    public static int TotalValence(Molecule m, int a)
    {
        double sum = 0;
        foreach (var bi in m.BondsOf(a))
        {
            var b = m.Bonds[bi];
            sum += IsAromaticBond(b) ? 1.5 : b.Order switch
            {
                BondOrder.Single => 1,
                BondOrder.Double => 2,
                BondOrder.Triple => 3,
                BondOrder.Quadruple => 4,
                _ => 0,
            };
        }
        return (int)Math.Floor(sum + 0.1) + m.Atoms[a].TotalHydrogens;
    }

    public static void AppendAtom(StringBuilder sb, Molecule m, int a, string chirality, bool isomeric, bool kekule)
    {
        var atom = m.Atoms[a];
        var z = atom.Element;
        var isotope = isomeric ? atom.Isotope : 0;
        var needsBracket = true;
        if (InOrganicSubset(z))
        {
            var hs = atom.TotalHydrogens;
            bool nonStandard;
            if (atom.RadicalElectrons != 0) nonStandard = true;
            else if ((z == 7 || z == 15) && atom.IsAromatic && (atom.ExplicitHydrogens ?? 0) > 0) nonStandard = true;
            else nonStandard = hs > 0 && TotalValence(m, a) != Elements.Get(z).DefaultValences[0];
            needsBracket = atom.Charge != 0 || nonStandard || atom.AtomMap != 0 || isotope != 0 || chirality.Length > 0;
        }
        if (needsBracket) sb.Append('[');
        if (isotope != 0) sb.Append(isotope.ToString(CultureInfo.InvariantCulture));
        var symbol = z == 0 ? "*" : Elements.Symbol(z);
        if (!kekule && atom.IsAromatic && symbol[0] is >= 'A' and <= 'Z')
        {
            sb.Append(char.ToLowerInvariant(symbol[0]));
            sb.Append(symbol, 1, symbol.Length - 1);
        }
        else sb.Append(symbol);
        sb.Append(chirality);
        if (!needsBracket) return;
        var h = atom.TotalHydrogens;
        if (h > 0)
        {
            sb.Append('H');
            if (h > 1) sb.Append(h.ToString(CultureInfo.InvariantCulture));
        }
        var fc = atom.Charge;
        if (fc > 0)
        {
            sb.Append('+');
            if (fc > 1) sb.Append(fc.ToString(CultureInfo.InvariantCulture));
        }
        else if (fc < 0)
        {
            if (fc < -1) sb.Append(fc.ToString(CultureInfo.InvariantCulture));
            else sb.Append('-');
        }
        if (atom.AtomMap != 0) sb.Append(':').Append(atom.AtomMap.ToString(CultureInfo.InvariantCulture));
        sb.Append(']');
    }

    /// <summary>Bond text written between <paramref name="left"/> and the other end; <paramref name="direction"/>
    /// is '/' or '\' for a directional bond, 0 otherwise.</summary>
    public static void AppendBond(StringBuilder sb, Molecule m, Bond b, int left, char direction, bool kekule, BondOrder kekuleOrder)
    {
        var a1 = m.Atoms[left];
        var a2 = m.Atoms[b.Other(left)];
        var bothAromatic = !kekule && a1.IsAromatic && a2.IsAromatic && (a1.Element != 0 || a2.Element != 0);
        var aromaticBond = !kekule && IsAromaticBond(b);
        var order = kekule ? kekuleOrder : b.Order;
        if (aromaticBond && !kekule)
        {
            if (direction != 0) sb.Append(direction);
            else if (!bothAromatic) sb.Append(':');
            return;
        }
        switch (order)
        {
            case BondOrder.Single:
            case BondOrder.Aromatic: // kekule mode without a Kekulé order: leave as single
                if (direction != 0) sb.Append(direction);
                else if (bothAromatic) sb.Append('-');
                break;
            case BondOrder.Double:
                sb.Append('=');
                break;
            case BondOrder.Triple:
                sb.Append('#');
                break;
            case BondOrder.Quadruple:
                sb.Append('$');
                break;
            default:
                sb.Append('~');
                break;
        }
    }
}
