using System.Runtime.CompilerServices;

namespace Sieve.Chemistry.Molfile;

/// <summary>Atom coordinates of molecules read from molfiles, kept beside the molecule (the shared model
/// holds no geometry). The molfile writer uses them when the atom count still matches.</summary>
public static class MolfileCoordinates
{
    private static readonly ConditionalWeakTable<Molecule, Point3[]> Table = [];

    /// <summary>Coordinates per atom, as read; false when the molecule has none or has changed size since.</summary>
    public static bool TryGet(Molecule m, out IReadOnlyList<Point3> coordinates)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (Table.TryGetValue(m, out var c) && c.Length == m.AtomCount)
        {
            coordinates = c;
            return true;
        }
        coordinates = [];
        return false;
    }

    /// <summary>Attaches coordinates (one per atom) to a molecule, e.g. from a layout step.</summary>
    public static void Set(Molecule m, IReadOnlyList<Point3> coordinates)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(coordinates);
        if (coordinates.Count != m.AtomCount)
            throw new ArgumentException($"{coordinates.Count} coordinates for {m.AtomCount} atoms", nameof(coordinates));
        Table.AddOrUpdate(m, [.. coordinates]);
    }
}
