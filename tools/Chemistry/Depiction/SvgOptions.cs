namespace Sieve.Chemistry.Depiction;

/// <summary>How <see cref="SvgDepiction"/> draws a molecule.</summary>
public sealed record SvgOptions
{
    /// <summary>Pixels per bond.</summary>
    public double BondPixels { get; init; } = 30;

    /// <summary>Margin around the drawing, in pixels.</summary>
    public double Padding { get; init; } = 12;

    /// <summary>Atoms drawn with a coloured halo (e.g. a matched scaffold).</summary>
    public IReadOnlyCollection<int>? HighlightAtoms { get; init; }

    /// <summary>Bonds drawn with a coloured halo.</summary>
    public IReadOnlyCollection<int>? HighlightBonds { get; init; }

    public string HighlightColor { get; init; } = "#ff9f9f";

    /// <summary>Write each atom's index beside it (debugging, matching reports).</summary>
    public bool ShowAtomIndices { get; init; }

    /// <summary>Heteroatoms in element colours (N blue, O red, ...); false draws everything black.</summary>
    public bool ColorAtoms { get; init; } = true;

    /// <summary>Wedges to draw; null takes the molecule's own (e.g. from a molfile) or, when it has none,
    /// <see cref="StereoWedges.Assign"/>.</summary>
    public WedgeAssignment? Wedges { get; init; }
}
