using System.Text;

namespace Sieve.Chemistry.Descriptors;

/// <summary>Molecular formula as RDKit's <c>rdMolDescriptors.CalcMolFormula</c> writes it.</summary>
public static class MolecularFormula
{
    /// <summary>Carbon first, then hydrogen, then every other symbol in ordinal order (so dummy atoms
    /// <c>*</c> lead the rest); isotopes are not separated; the net charge is appended as
    /// <c>+</c>, <c>-</c>, <c>+2</c>, <c>-3</c>.</summary>
    public static string Of(Molecule m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var charge = 0;
        var hydrogens = 0;
        foreach (var atom in m.Atoms)
        {
            var symbol = atom.Element == 0 ? "*" : Elements.Symbol(atom.Element);
            counts[symbol] = counts.GetValueOrDefault(symbol) + 1;
            hydrogens += atom.TotalHydrogens;
            charge += atom.Charge;
        }
        if (hydrogens > 0)
            counts["H"] = counts.GetValueOrDefault("H") + hydrogens;

        var sb = new StringBuilder();
        void Append(string symbol, int n)
        {
            sb.Append(symbol);
            if (n > 1) sb.Append(n);
        }
        // RDKit puts C and H first only when carbon is present; without carbon H still leads
        // (it is emitted before the alphabetical rest in both cases).
        if (counts.TryGetValue("C", out var c)) Append("C", c);
        if (counts.TryGetValue("H", out var h)) Append("H", h);
        foreach (var (symbol, n) in counts)
            if (symbol is not ("C" or "H"))
                Append(symbol, n);
        if (charge > 0) sb.Append('+');
        else if (charge < 0) sb.Append('-');
        if (Math.Abs(charge) > 1) sb.Append(Math.Abs(charge));
        return sb.ToString();
    }
}
