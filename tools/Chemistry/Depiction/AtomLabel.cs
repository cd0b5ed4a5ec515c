namespace Sieve.Chemistry.Depiction;

internal readonly record struct Rect(double X0, double Y0, double X1, double Y1);

/// <summary>What is written at an atom: symbol, hydrogens (H, H2, on the side away from the bonds),
/// charge and isotope. Carbon is left implicit unless charged, isotopic, a radical or alone.</summary>
internal sealed record AtomLabel(string Symbol, string Hydrogens, bool HydrogensLeft, string Charge, string Isotope, double HalfWidth, Rect Extent)
{
    public static AtomLabel? For(Molecule m, int a, Point2[] px, double font)
    {
        var atom = m.Atoms[a];
        var degree = m.Degree(a);
        string symbol;
        if (atom.Element == 0) symbol = atom.Label ?? (atom.AtomMap > 0 ? $"R{atom.AtomMap}" : "*");
        else
        {
            symbol = Elements.Symbol(atom.Element);
            var plainCarbon = atom.Element == 6 && atom.Charge == 0 && atom.Isotope == 0 && atom.RadicalElectrons == 0 && degree > 0;
            if (plainCarbon) return null;
        }
        var h = atom.Element == 0 ? 0 : atom.TotalHydrogens;
        var hydrogens = h == 0 ? "" : h == 1 ? "H" : $"H{h}";
        var charge = atom.Charge switch
        {
            0 => "",
            1 => "+",
            -1 => "\u2212",
            > 0 => $"{atom.Charge}+",
            _ => $"{-atom.Charge}\u2212",
        };
        var isotope = atom.Isotope > 0 ? atom.Isotope.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        // Hydrogens go left when the bonds point right (e.g. HO– at the left end of a chain).
        var dx = 0.0;
        foreach (var n in m.Neighbors(a)) dx += px[n].X - px[a].X;
        var left = degree > 0 && dx > 1e-6;
        var half = font * 0.31 * symbol.Length;
        var hWidth = hydrogens.Length == 0 ? 0 : font * (0.62 + 0.4 * (hydrogens.Length - 1));
        var cWidth = charge.Length * font * 0.45;
        var x0 = px[a].X - half - (left ? hWidth : 0) - isotope.Length * font * 0.4;
        var x1 = px[a].X + half + (left ? 0 : hWidth) + cWidth;
        var extent = new Rect(x0, px[a].Y - font * 0.85, x1, px[a].Y + font * 0.7);
        return new AtomLabel(symbol, hydrogens, left, charge, isotope, half, extent);
    }
}
