using Sieve.Chemistry.Substructure;

namespace Sieve.Chemistry.Smarts;

/// <summary>A query bond's test, evaluated against one bond of a prepared target.</summary>
internal abstract class BondExpression
{
    public abstract bool Matches(TargetView target, int bond);
    public virtual bool NeedsRings => false;
}

/// <summary><c>~</c>: any bond.</summary>
internal sealed class AnyBond : BondExpression
{
    public static readonly AnyBond Instance = new();
    public override bool Matches(TargetView target, int bond) => true;
    public override string ToString() => "~";
}

/// <summary>An exact bond type (<c>- = # $ :</c>, and <c>/ \</c> which RDKit matches as single).</summary>
internal sealed class BondTypeIs(TargetBondType type) : BondExpression
{
    public TargetBondType Type { get; } = type;
    public override bool Matches(TargetView target, int bond) => target.BondType[bond] == Type;
    public override string ToString() => Type.ToString();
}

/// <summary>The bond written without a symbol between two SMARTS atoms: single or aromatic.</summary>
internal sealed class SingleOrAromaticBond : BondExpression
{
    public static readonly SingleOrAromaticBond Instance = new();
    public override bool Matches(TargetView target, int bond) =>
        target.BondType[bond] is TargetBondType.Single or TargetBondType.Aromatic;
    public override string ToString() => "-,:";
}

/// <summary><c>@</c>: a ring bond.</summary>
internal sealed class RingBond : BondExpression
{
    public static readonly RingBond Instance = new();
    public override bool Matches(TargetView target, int bond) => target.BondInRing[bond];
    public override bool NeedsRings => true;
    public override string ToString() => "@";
}

internal sealed class NotBond(BondExpression inner) : BondExpression
{
    public BondExpression Inner { get; } = inner;
    public override bool Matches(TargetView target, int bond) => !Inner.Matches(target, bond);
    public override bool NeedsRings => Inner.NeedsRings;
    public override string ToString() => "!" + Inner;
}

internal sealed class AndBond(BondExpression[] parts) : BondExpression
{
    public BondExpression[] Parts { get; } = parts;

    public override bool Matches(TargetView target, int bond)
    {
        foreach (var p in Parts)
            if (!p.Matches(target, bond)) return false;
        return true;
    }

    public override bool NeedsRings
    {
        get
        {
            foreach (var p in Parts) if (p.NeedsRings) return true;
            return false;
        }
    }

    public override string ToString() => "(" + string.Join("&", (IEnumerable<BondExpression>)Parts) + ")";
}

internal sealed class OrBond(BondExpression[] parts) : BondExpression
{
    public BondExpression[] Parts { get; } = parts;

    public override bool Matches(TargetView target, int bond)
    {
        foreach (var p in Parts)
            if (p.Matches(target, bond)) return true;
        return false;
    }

    public override bool NeedsRings
    {
        get
        {
            foreach (var p in Parts) if (p.NeedsRings) return true;
            return false;
        }
    }

    public override string ToString() => "(" + string.Join(",", (IEnumerable<BondExpression>)Parts) + ")";
}
