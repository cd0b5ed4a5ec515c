using Sieve.Chemistry.Depiction;

namespace Sieve.Chemistry.Molfile;

/// <summary>Stereo of a 2D drawing that did not come from a file (a structure read from an image): tetrahedral
/// parity from wedge and hash bonds (<see cref="Bond.Wedge"/>, narrow end at the bond's Begin; a wavy bond,
/// <see cref="BondWedge.Either"/>, leaves its centre unspecified), cis/trans from the positions around double
/// bonds — the same reading <see cref="MolfileReader"/> gives a molblock, which is RDKit's.</summary>
public static class DrawingStereo
{
    /// <summary>Assigns stereo to a sanitized molecule. <paramref name="coordinates"/>: one per atom, y pointing up
    /// as in a molfile (flip image rows first: a mirrored drawing is the other enantiomer).</summary>
    /// <exception cref="ArgumentException">Not one position per atom.</exception>
    public static void Assign(Molecule m, IReadOnlyList<Point2> coordinates)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(coordinates);
        if (coordinates.Count != m.AtomCount)
            throw new ArgumentException($"{coordinates.Count} positions for {m.AtomCount} atoms", nameof(coordinates));
        var ctab = CtabBuilder.OfDrawing(m, [.. coordinates.Select(p => new Point3(p.X, p.Y, 0))]);
        StereoFromCoordinates.Assign(m, ctab);
    }
}
