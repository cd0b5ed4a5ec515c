namespace Sieve.Chemistry;

/// <summary>What ring perception found: the smallest set of smallest rings (as RDKit's symmetrized SSSR
/// where the ring system needs it) and, per atom and bond, membership and ring sizes.
/// Immutable once built.</summary>
public sealed class RingInfo
{
    public RingInfo(IReadOnlyList<int[]> atomRings, IReadOnlyList<int[]> bondRings, int atomCount, int bondCount)
    {
        AtomRings = atomRings;
        BondRings = bondRings;
        var atomSizes = new List<int>?[atomCount];
        var bondSizes = new List<int>?[bondCount];
        foreach (var ring in atomRings)
            foreach (var a in ring)
                (atomSizes[a] ??= []).Add(ring.Length);
        foreach (var ring in bondRings)
            foreach (var b in ring)
                (bondSizes[b] ??= []).Add(ring.Length);
        _atomRingSizes = atomSizes;
        _bondRingSizes = bondSizes;
    }

    private readonly List<int>?[] _atomRingSizes;
    private readonly List<int>?[] _bondRingSizes;

    /// <summary>Each ring as atom indices in ring order.</summary>
    public IReadOnlyList<int[]> AtomRings { get; }

    /// <summary>Each ring as bond indices, parallel to <see cref="AtomRings"/>.</summary>
    public IReadOnlyList<int[]> BondRings { get; }

    public int RingCount => AtomRings.Count;

    /// <summary>Number of SSSR rings containing the atom (SMARTS <c>R&lt;n&gt;</c>).</summary>
    public int AtomRingCount(int atom) => _atomRingSizes[atom]?.Count ?? 0;

    public int BondRingCount(int bond) => _bondRingSizes[bond]?.Count ?? 0;

    public bool IsAtomInRing(int atom) => _atomRingSizes[atom] is not null;

    public bool IsBondInRing(int bond) => _bondRingSizes[bond] is not null;

    public bool IsAtomInRingOfSize(int atom, int size) => _atomRingSizes[atom]?.Contains(size) ?? false;

    public bool IsBondInRingOfSize(int bond, int size) => _bondRingSizes[bond]?.Contains(size) ?? false;

    /// <summary>Smallest SSSR ring containing the atom (SMARTS <c>r</c>), 0 when none.</summary>
    public int MinAtomRingSize(int atom) => _atomRingSizes[atom]?.Min() ?? 0;
}
