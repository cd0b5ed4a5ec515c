using System.Collections.Frozen;

namespace Sieve.Chemistry;

/// <summary>Per-element data as RDKit's periodic table has it. <see cref="DefaultValences"/> is RDKit's
/// valence list: -1 means "any valence" (metals), so no implicit hydrogens are added.</summary>
public readonly record struct ElementData(
    string Symbol, double AverageMass, int[] DefaultValences, int OuterElectrons, int MostCommonIsotope, double MostCommonIsotopeMass);

public static partial class Elements
{
    // Built on first use: field initialisers of a partial class run in an unspecified file order,
    // so the symbol index must not be a field initialiser that reads Table.
    private static FrozenDictionary<string, int>? _bySymbol;

    private static FrozenDictionary<string, int> BySymbol => _bySymbol ??=
        Enumerable.Range(0, Table.Length).ToFrozenDictionary(z => Table[z].Symbol, z => z, StringComparer.Ordinal);

    public const int MaxAtomicNumber = 118;

    public static ElementData Get(int atomicNumber) =>
        (uint)atomicNumber < (uint)Table.Length
            ? Table[atomicNumber]
            : throw new ArgumentOutOfRangeException(nameof(atomicNumber), atomicNumber, "no such element");

    public static string Symbol(int atomicNumber) => Get(atomicNumber).Symbol;

    /// <summary>Atomic number for a symbol written with the right case ("Cl", not "CL"); -1 when unknown.</summary>
    public static int AtomicNumber(string symbol) => BySymbol.TryGetValue(symbol, out var z) ? z : -1;

    public static bool TryGetAtomicNumber(ReadOnlySpan<char> symbol, out int atomicNumber)
    {
        var lookup = BySymbol.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(symbol, out atomicNumber);
    }
}
