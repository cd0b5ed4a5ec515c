using Sieve.KernelFunctions.Markush;
using Sieve.Markush.Package;

namespace Sieve.KernelFunctions.Patents;

/// <summary>The one way Sieve opens a patent package for a user: <see cref="PatentPackage.Load"/> with drawn formulas
/// (<c>formulas/I.png</c>) read by Sieve.Ocsr through <see cref="OcsrFormulaReader"/>. The tools, <c>sieve report</c>,
/// <c>sieve batch</c>, <c>sieve markush</c>, the server's jobs and <c>sieve chat</c> all load packages here, so a
/// drawing is read the same way everywhere. Lives here because this is the lowest layer that sees both Markush and
/// Ocsr (Markush itself stays free of OpenCV).</summary>
public static class PatentPackages
{
    /// <summary>The formula-image reader every package load uses: OCSR, each drawing read once per process
    /// (<see cref="CachedFormulaReader"/>); safe to share across threads.</summary>
    public static IFormulaImageReader FormulaImages { get; } = new CachedFormulaReader(new OcsrFormulaReader());

    /// <exception cref="FileNotFoundException">The folder has no claims.txt.</exception>
    /// <exception cref="System.Text.Json.JsonException">patent.json is not valid JSON.</exception>
    public static PatentPackage Load(string directory) => PatentPackage.Load(directory, FormulaImages);
}
