namespace Sieve.Chemistry;

public enum BondOrder : byte
{
    /// <summary>Zero-order / unspecified (molfile type 8 "any" in queries).</summary>
    Zero = 0,
    Single = 1,
    Double = 2,
    Triple = 3,
    Quadruple = 4,
    Aromatic = 5,
}

/// <summary>SMILES directional single bond, relative to the bond's <see cref="Bond.Begin"/> → <see cref="Bond.End"/>.</summary>
public enum BondDirection : byte
{
    None = 0,
    /// <summary><c>/</c> written from Begin to End.</summary>
    Up = 1,
    /// <summary><c>\</c> written from Begin to End.</summary>
    Down = 2,
}

/// <summary>Molfile wedge/hash information (2D stereo drawings).</summary>
public enum BondWedge : byte
{
    None = 0,
    Wedge = 1,
    Hash = 6,
    Either = 4,
}

public sealed class Bond
{
    public Bond(int begin, int end, BondOrder order)
    {
        Begin = begin;
        End = end;
        Order = order;
    }

    public int Begin { get; set; }
    public int End { get; set; }
    public BondOrder Order { get; set; }
    public bool IsAromatic { get; set; }
    public BondDirection Direction { get; set; }
    public BondWedge Wedge { get; set; }

    /// <summary>The other end of this bond, seen from <paramref name="atom"/>.</summary>
    public int Other(int atom) => atom == Begin ? End : Begin;

    public bool Contains(int atom) => atom == Begin || atom == End;

    public Bond Clone() => (Bond)MemberwiseClone();

    public override string ToString() => $"{Begin}-{End} {Order}";
}
