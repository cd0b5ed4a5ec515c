using Sieve.Chemistry;
using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Smiles;

namespace Sieve.Ocsr.Tests;

/// <summary>The checked-in development subset: RDKit drawings of real molecules with their truth.</summary>
internal static class DevSet
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Data", "devset");

    /// <summary>Styles whose drawings carry stereo (wedges, hashes, wavy bonds): compared with it.</summary>
    public static readonly HashSet<string> StereoStyles = ["stereo", "wavy"];

    public static IEnumerable<(string Style, string Path, string Truth)> Images() =>
        File.ReadLines(Path.Combine(Root, "truth.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], Path.Combine(Root, p[1]), p[2]));

    /// <summary>Canonical CXSMILES by our chemistry core (R-labels kept; stereo dropped unless asked for, as
    /// scripts/ocsr/score.py compares), or null when it does not parse. A position-variation atom is placed on
    /// the candidate that gives the smallest string, so where it was drawn does not matter.</summary>
    public static string? Canonical(string smiles, bool stereo = false)
    {
        if (string.IsNullOrEmpty(smiles)) return null;
        try
        {
            var m = SmilesReader.Read(smiles);
            if (!stereo)
            {
                foreach (var a in m.Atoms) a.Chirality = Chirality.None;
                foreach (var b in m.Bonds) b.Direction = BondDirection.None;
            }
            return m.PositionVariations.Count == 0 ? CanonicalSmiles.OfWithExtensions(m) : PlacedCanonical(m);
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

    private static string PlacedCanonical(Molecule m)
    {
        var pv = m.PositionVariations[0];
        var at = m.Neighbors(pv.Atom).Single();
        return pv.Candidates.Select(c => CanonicalSmiles.OfWithExtensions(Rebond(m, pv.Atom, at, c)))
            .Order(StringComparer.Ordinal).First();
    }

    /// <summary>The molecule with atom <paramref name="star"/>'s bond moved from <paramref name="from"/> to
    /// <paramref name="to"/> (rebuilt: bonds cannot be removed in place).</summary>
    private static Molecule Rebond(Molecule m, int star, int from, int to)
    {
        var copy = new Molecule();
        foreach (var a in m.Atoms)
        {
            var c = a.Clone();
            c.ImplicitHydrogens = 0;
            copy.AddAtom(c);
        }
        foreach (var b in m.Bonds)
            copy.AddBond(b.Contains(star) && b.Contains(from) ? new Bond(star, to, b.Order) : b.Clone());
        foreach (var pv in m.PositionVariations) copy.PositionVariations.Add(pv);
        Sieve.Chemistry.Perception.Sanitizer.Sanitize(copy);
        return copy;
    }
}
