using Sieve.Markush.Package;

namespace Sieve.Agents.Reports;

/// <summary>A formula the patent gives only as a drawing (<c>formulas/I.png</c>), as OCSR read it: the
/// <see cref="Smiles"/> read and the reader's <see cref="Confidence"/>, or the <see cref="Failure"/> that says why
/// nothing was read. <see cref="Note"/> says what that means for the verdicts (always set when the confidence is
/// below <see cref="FormulaImages.LowConfidenceBelow"/> or nothing was read). <see cref="Image"/> is the drawing as a
/// data URI (null when it is not a browser image format or too large to embed) and <see cref="Recognised"/> the
/// structure drawn back from the SMILES, so the HTML shows both side by side. <see cref="Layout"/> is where the
/// reader placed each atom on the drawing (image pixels), which the HTML marks over the drawing and report.json
/// carries for other clients (null when the reader did not say, or nothing was read).</summary>
public sealed record FormulaImageSection(
    string Formula,
    string File,
    string? Smiles,
    double Confidence,
    bool LowConfidence,
    string? Failure,
    IReadOnlyList<int> Claims,
    string? Note,
    string? Image,
    Depiction? Recognised,
    DrawingLayout? Layout = null);
