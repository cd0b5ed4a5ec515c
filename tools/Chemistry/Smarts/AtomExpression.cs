using Sieve.Chemistry.Substructure;

namespace Sieve.Chemistry.Smarts;

/// <summary>Numeric atom properties a SMARTS primitive can compare (RDKit semantics, see each member).</summary>
internal enum AtomProperty : byte
{
    /// <summary><c>D</c>: explicit connections (graph degree, bonds to H atoms included).</summary>
    Degree,
    /// <summary><c>X</c>: degree plus hydrogens carried on the atom.</summary>
    TotalDegree,
    /// <summary><c>H</c>: hydrogens on the atom plus explicit hydrogen-atom neighbours.</summary>
    TotalHydrogens,
    /// <summary><c>h</c>: hydrogens carried on the atom (implicit + bracket count), H-atom neighbours not counted.</summary>
    AtomHydrogens,
    /// <summary><c>v</c>: explicit + implicit valence, as RDKit computes it for aromatic atoms.</summary>
    TotalValence,
    /// <summary><c>R&lt;n&gt;</c>: number of SSSR rings holding the atom.</summary>
    RingCount,
    /// <summary><c>r&lt;n&gt;</c>: size of the smallest SSSR ring holding the atom, 0 when none.</summary>
    MinRingSize,
    /// <summary><c>x&lt;n&gt;</c>: number of ring bonds at the atom.</summary>
    RingBondCount,
    Charge,
    Isotope,
    /// <summary><c>z&lt;n&gt;</c>: neighbours that are neither C nor H.</summary>
    HeteroNeighbors,
    /// <summary><c>Z&lt;n&gt;</c>: non-aromatic neighbours that are neither C nor H.</summary>
    AliphaticHeteroNeighbors,
    /// <summary><c>^n</c>: hybridization as RDKit assigns it (values of RDKit's enumeration).</summary>
    Hybridization,
}

/// <summary>A query atom's test: a small expression tree evaluated against one atom of a prepared target.</summary>
internal abstract class AtomExpression
{
    public abstract bool Matches(TargetView target, int atom);

    /// <summary>True when evaluation reads ring information (so the target needs ring perception).</summary>
    public virtual bool NeedsRings => false;

    /// <summary>The atomic number every matching atom must have, or -1 when the expression allows several.
    /// Lets the matcher skip whole element classes cheaply.</summary>
    public virtual int RequiredElement => -1;
}

/// <summary><c>*</c>: any atom.</summary>
internal sealed class AnyAtom : AtomExpression
{
    public static readonly AnyAtom Instance = new();
    public override bool Matches(TargetView target, int atom) => true;
    public override string ToString() => "*";
}

/// <summary>An element, optionally restricted to its aromatic or aliphatic form (<c>C</c>, <c>c</c>, <c>#6</c>).</summary>
internal sealed class ElementAtom(int element, bool? aromatic) : AtomExpression
{
    public int Element { get; } = element;
    public bool? Aromatic { get; } = aromatic;

    public override bool Matches(TargetView target, int atom) =>
        target.Element[atom] == Element && (Aromatic is not { } ar || target.Aromatic[atom] == ar);

    public override int RequiredElement => Element;

    public override string ToString() => Aromatic switch
    {
        null => "#" + Element,
        true => (Element < Elements.MaxAtomicNumber ? Elements.Symbol(Element).ToLowerInvariant() : "#" + Element),
        false => (Element < Elements.MaxAtomicNumber ? Elements.Symbol(Element) : "#" + Element) + "&A",
    };
}

/// <summary><c>a</c> / <c>A</c>.</summary>
internal sealed class AromaticAtom(bool aromatic) : AtomExpression
{
    public bool Aromatic { get; } = aromatic;
    public override bool Matches(TargetView target, int atom) => target.Aromatic[atom] == Aromatic;
    public override string ToString() => Aromatic ? "a" : "A";
}

/// <summary>A numeric property within [Min, Max] (equal when Min == Max; RDKit range queries <c>D{2-3}</c>).</summary>
internal sealed class PropertyAtom(AtomProperty property, int min, int max) : AtomExpression
{
    public AtomProperty Property { get; } = property;
    public int Min { get; } = min;
    public int Max { get; } = max;

    public override bool Matches(TargetView target, int atom)
    {
        var v = target.Property(Property, atom);
        return v >= Min && v <= Max;
    }

    public override bool NeedsRings => Property is AtomProperty.RingCount or AtomProperty.MinRingSize or AtomProperty.RingBondCount;

    public override string ToString() => $"{Property}{(Min == Max ? Min.ToString() : $"{{{Min}-{Max}}}")}";
}

internal sealed class NotAtom(AtomExpression inner) : AtomExpression
{
    public AtomExpression Inner { get; } = inner;
    public override bool Matches(TargetView target, int atom) => !Inner.Matches(target, atom);
    public override bool NeedsRings => Inner.NeedsRings;
    public override string ToString() => "!" + Inner;
}

internal sealed class AndAtom(AtomExpression[] parts) : AtomExpression
{
    public AtomExpression[] Parts { get; } = parts;

    public override bool Matches(TargetView target, int atom)
    {
        foreach (var p in Parts)
            if (!p.Matches(target, atom)) return false;
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

    public override int RequiredElement
    {
        get
        {
            foreach (var p in Parts)
                if (p.RequiredElement >= 0) return p.RequiredElement;
            return -1;
        }
    }

    public override string ToString() => "(" + string.Join("&", (IEnumerable<AtomExpression>)Parts) + ")";
}

internal sealed class OrAtom(AtomExpression[] parts) : AtomExpression
{
    public AtomExpression[] Parts { get; } = parts;

    public override bool Matches(TargetView target, int atom)
    {
        foreach (var p in Parts)
            if (p.Matches(target, atom)) return true;
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

    public override string ToString() => "(" + string.Join(",", (IEnumerable<AtomExpression>)Parts) + ")";
}

/// <summary><c>$(...)</c>: the atom is the first atom of some match of <see cref="Query"/>. Results are
/// cached per target atom for the lifetime of one prepared target.</summary>
internal sealed class RecursiveAtom(QueryMolecule query) : AtomExpression
{
    public QueryMolecule Query { get; } = query;
    public override bool Matches(TargetView target, int atom) => target.MatchesRecursive(this, atom);
    public override bool NeedsRings => Query.NeedsRings;
    public override string ToString() => "$(" + (Query.Smarts ?? "...") + ")";
}
