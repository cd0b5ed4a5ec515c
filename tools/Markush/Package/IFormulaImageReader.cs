namespace Sieve.Markush.Package;

/// <summary>Reads a drawn formula (<c>formulas/I.png</c>) into (CX)SMILES. Implemented outside this project
/// (Sieve.Ocsr, which brings OpenCV) and handed to <see cref="PatentPackage.Load"/> by callers that have it.</summary>
public interface IFormulaImageReader
{
    /// <summary>The drawing's (CX)SMILES with the reader's confidence, or a failure that says why nothing was read.</summary>
    FormulaImage Read(string path);
}

/// <summary>What a formula image held: <see cref="Smiles"/> (CXSMILES with R-labels for a Markush drawing) and a
/// confidence in [0, 1], or null and a <see cref="Failure"/>.</summary>
public sealed record FormulaImage(string? Smiles, double Confidence, string? Failure, DrawingLayout? Layout = null);

/// <summary>Where a reading's atoms were drawn, for highlighting them on the drawing: the image's size in pixels and
/// each atom of the (CX)SMILES as read, in the order the reader built it (not canonical order), with its label (empty
/// for an implicit carbon) and its centre in image pixels (x right, y down).</summary>
public sealed record DrawingLayout(int Width, int Height, IReadOnlyList<DrawnAtom> Atoms);

/// <summary>One drawn atom: its label as written (<c>R1</c>, <c>OH</c>; empty for an implicit carbon) and its centre.</summary>
public sealed record DrawnAtom(string Label, double X, double Y);

/// <summary>One drawn formula file of a package as it was read: <see cref="Name"/> (the formula the claims cite),
/// <see cref="File"/> relative to the package (<c>formulas/I.png</c>), and the reader's (CX)SMILES and confidence,
/// or null and the <see cref="Failure"/> that says why nothing was read (no reader given, or the drawing unreadable);
/// <see cref="Layout"/> where the reader placed each atom, when it says.</summary>
public sealed record DrawnFormula(string Name, string File, string? Smiles, double Confidence, string? Failure, DrawingLayout? Layout = null);
