namespace Sieve.Ocsr;

/// <summary>What one image held: every structure found, separately, each with its confidence. An image where
/// nothing could be read has no structures and a <see cref="Failure"/> that says why.</summary>
public sealed record OcsrResult(string Image, IReadOnlyList<OcsrStructure> Structures, string? Failure)
{
    /// <summary>The image's size in its file's pixels, the frame of <see cref="OcsrStructure.Atoms"/> (0 when the
    /// image could not be decoded).</summary>
    public int Width { get; init; }

    public int Height { get; init; }

    /// <summary>The line <c>sieve ocsr</c> prints: the one structure's (CX)SMILES, several joined by '.'
    /// (their CXSMILES label blocks dropped, since a block numbers the atoms of one string); empty when none.</summary>
    public string Line => Structures.Count == 1
        ? Structures[0].Smiles
        : string.Join(".", Structures.Select(s => s.Smiles.Split(' ')[0]));

    /// <summary>The lowest confidence of the structures (0 when none).</summary>
    public double Confidence => Structures.Count == 0 ? 0 : Structures.Min(s => s.Confidence);
}

/// <summary>One structure: canonical SMILES, or CXSMILES with <c>$R1$</c>-style labels at the attachment atoms
/// of a Markush drawing; a confidence in [0, 1]; and where each atom was drawn (image pixels, in the atom order
/// of <see cref="Smiles"/>' molecule as read, not the canonical order).</summary>
public sealed record OcsrStructure(string Smiles, double Confidence, bool IsMarkush, IReadOnlyList<AtomPosition> Atoms);

/// <summary>Where an atom was drawn: the label's text (empty for an implicit carbon) and its centre in pixels.</summary>
public sealed record AtomPosition(string Text, double X, double Y);
