namespace Sieve.Chemistry.Molfile;

/// <summary>Atom-type symbols of molfiles, read as RDKit reads them.</summary>
internal static class AtomSymbols
{
    // Query and pseudo-atom symbols RDKit turns into dummy atoms (atomic number 0). The symbol is kept as
    // the atom's label so a writer can put it back.
    private static readonly HashSet<string> Pseudo = new(StringComparer.Ordinal)
    {
        "A", "AH", "Q", "QH", "X", "XH", "M", "MH", "L", "LP", "Pol", "Mod",
    };

    /// <summary>Fills element, isotope, label and R-group number from <paramref name="symbol"/>;
    /// false when it is no element or pseudo-atom symbol.</summary>
    public static bool TryApply(string symbol, Atom atom)
    {
        if (symbol.Length == 0) return false;
        switch (symbol)
        {
            case "*":
                atom.Element = 0;
                return true;
            case "D":
                atom.Element = 1;
                atom.Isotope = 2;
                return true;
            case "T":
                atom.Element = 1;
                atom.Isotope = 3;
                return true;
            case "R" or "R#":
                atom.Element = 0;
                return true;
        }
        if (Pseudo.Contains(symbol))
        {
            atom.Element = 0;
            atom.Label = symbol;
            return true;
        }
        if (symbol.Length >= 2 && symbol[0] == 'R' && int.TryParse(symbol.AsSpan(1), System.Globalization.NumberStyles.None, null, out var r) && r < 1000)
        {
            MarkRGroup(atom, r);
            return true;
        }
        // RDKit accepts a second letter in upper case ("CL").
        Span<char> s = stackalloc char[Math.Min(symbol.Length, 3)];
        if (symbol.Length > 3) return false;
        symbol.AsSpan().CopyTo(s);
        for (var i = 1; i < s.Length; i++) s[i] = char.ToLowerInvariant(s[i]);
        if (!Elements.TryGetAtomicNumber(s, out var z) || z == 0) return false;
        atom.Element = z;
        return true;
    }

    /// <summary>An R-group attachment: a <c>*</c> labelled R<paramref name="n"/> carrying map number n.</summary>
    public static void MarkRGroup(Atom atom, int n)
    {
        atom.Element = 0;
        atom.Isotope = 0;
        atom.Label = $"R{n}";
        atom.AtomMap = n;
    }

    /// <summary>V2000 atom-block charge code to formal charge; code 4 (doublet radical) carries no charge.</summary>
    public static bool TryV2000Charge(int code, out int charge)
    {
        charge = code switch { 1 => 3, 2 => 2, 3 => 1, 5 => -1, 6 => -2, 7 => -3, _ => 0 };
        return code is >= 0 and <= 7;
    }

    /// <summary>Molfile radical code (1 singlet, 2 doublet, 3 triplet) to unpaired electrons.</summary>
    public static int RadicalElectrons(int code) => code switch { 1 => 2, 2 => 1, 3 => 2, _ => 0 };

    public static int RadicalCode(int electrons) => electrons switch { 0 => 0, 1 => 2, _ => 3 };
}
