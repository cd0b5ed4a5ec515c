using Sieve.Markush.Package;
using Sieve.Ocsr;

namespace Sieve.KernelFunctions.Markush;

/// <summary>Drawn formulas of a patent package (<c>formulas/I.png</c>) read by Sieve.Ocsr's StructureReader.
/// An image holding several structures gives the most confident one: a formula file draws one formula.</summary>
public sealed class OcsrFormulaReader : IFormulaImageReader
{
    public FormulaImage Read(string path)
    {
        try
        {
            var result = StructureReader.Read(path);
            var best = result.Structures.MaxBy(s => s.Confidence);
            return best is null
                ? new FormulaImage(null, 0, result.Failure)
                : new FormulaImage(best.Smiles, best.Confidence, null,
                    new DrawingLayout(result.Width, result.Height, [.. best.Atoms.Select(a => new DrawnAtom(a.Text, a.X, a.Y))]));
        }
        catch (OcsrException e)
        {
            return new FormulaImage(null, 0, e.Problem);
        }
    }
}
