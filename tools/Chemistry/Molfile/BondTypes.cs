namespace Sieve.Chemistry.Molfile;

/// <summary>Molfile bond type codes (shared by V2000 and V3000).</summary>
internal static class BondTypes
{
    /// <summary>1-3 single to triple, 4 aromatic; the query types 5-8 (single/double, single/aromatic,
    /// double/aromatic, any) and 9-10 (coordination, hydrogen) have no order in the model and read as
    /// zero-order bonds.</summary>
    public static BondOrder FromCode(LineCursor lines, int code) => code switch
    {
        1 => BondOrder.Single,
        2 => BondOrder.Double,
        3 => BondOrder.Triple,
        4 => BondOrder.Aromatic,
        >= 5 and <= 10 => BondOrder.Zero,
        _ => throw lines.ErrorHere($"bond type {code} is not 1-10"),
    };

    public static int ToCode(BondOrder order) => order switch
    {
        BondOrder.Single => 1,
        BondOrder.Double => 2,
        BondOrder.Triple => 3,
        BondOrder.Aromatic => 4,
        _ => 8,
    };
}
