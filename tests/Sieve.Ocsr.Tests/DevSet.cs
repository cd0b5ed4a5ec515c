using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Smiles;

namespace Sieve.Ocsr.Tests;

/// <summary>The checked-in development subset: RDKit drawings of real molecules with their truth.</summary>
internal static class DevSet
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Data", "devset");

    public static IEnumerable<(string Style, string Path, string Truth)> Images() =>
        File.ReadLines(Path.Combine(Root, "truth.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], Path.Combine(Root, p[1]), p[2]));

    /// <summary>Canonical CXSMILES by our chemistry core (R-labels kept), or null when it does not parse.</summary>
    public static string? Canonical(string smiles)
    {
        if (string.IsNullOrEmpty(smiles)) return null;
        try
        {
            return CanonicalSmiles.OfWithExtensions(SmilesReader.Read(smiles));
        }
        catch (FormatException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
