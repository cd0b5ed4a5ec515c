namespace Sieve.Chemistry.Smarts;

/// <summary>Reads SMARTS into a <see cref="QueryMolecule"/> with RDKit 2022.09 semantics.</summary>
/// <remarks>
/// Supported: atomic primitives <c>* a A</c>, element symbols (aliphatic upper case, aromatic lower case),
/// <c>#n</c>, <c>D X H h v R r x z Z</c> with a number or an RDKit range <c>{a-b}</c>, charges, isotopes,
/// <c>@</c>/<c>@@</c>, recursive <c>$(...)</c>, atom maps; logic <c>! &amp; , ;</c> with SMARTS precedence;
/// bonds <c>- = # $ : ~ @ / \</c> with the same logic; ring closures (<c>%nn</c>, <c>%(nnn)</c>), branches, <c>.</c>.
/// A bond left unwritten means single-or-aromatic.
/// <c>^0</c>..<c>^5</c> test hybridization as RDKit assigns it.
/// </remarks>
public static class SmartsReader
{
    /// <exception cref="SmartsParseException">The text is not SMARTS this reader understands.</exception>
    public static QueryMolecule Read(string smarts)
    {
        ArgumentNullException.ThrowIfNull(smarts);
        return new SmartsParser(smarts, 0, smarts.Length, depth: 0).Parse();
    }
}
