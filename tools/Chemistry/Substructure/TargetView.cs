using Sieve.Chemistry.Smarts;

namespace Sieve.Chemistry.Substructure;

/// <summary>One search's view of a target: the shared <see cref="TargetData"/> arrays (copied here as
/// fields so expressions read them directly) plus this search's cache of recursive-SMARTS answers.</summary>
internal sealed class TargetView
{
    public readonly TargetData Data;
    public readonly Molecule Molecule;
    public readonly int AtomCount;
    public readonly int[] Element;
    public readonly bool[] Aromatic;
    public readonly int[] Charge;
    public readonly int[] Isotope;
    public readonly int[] Degree;
    public readonly TargetBondType[] BondType;
    public readonly int[] AdjStart;
    public readonly int[] AdjAtom;
    public readonly int[] AdjBond;
    private Dictionary<RecursiveAtom, RecursiveResults>? _recursive;

    public TargetView(TargetData data)
    {
        Data = data;
        Molecule = data.Molecule;
        AtomCount = data.AtomCount;
        Element = data.Element;
        Aromatic = data.Aromatic;
        Charge = data.Charge;
        Isotope = data.Isotope;
        Degree = data.Degree;
        BondType = data.BondType;
        AdjStart = data.AdjStart;
        AdjAtom = data.AdjAtom;
        AdjBond = data.AdjBond;
    }

    public bool[] BondInRing => Data.BondInRing;

    public int Property(AtomProperty property, int atom) => Data.Property(property, atom);

    public int BondBetween(int a, int b)
    {
        for (var k = AdjStart[a]; k < AdjStart[a + 1]; k++)
            if (AdjAtom[k] == b) return AdjBond[k];
        return -1;
    }

    /// <summary>Whether <paramref name="atom"/> starts a match of a recursive query; each (query, atom)
    /// pair is searched at most once per search.</summary>
    public bool MatchesRecursive(RecursiveAtom expression, int atom)
    {
        _recursive ??= [];
        if (!_recursive.TryGetValue(expression, out var results))
        {
            results = new RecursiveResults(this, expression.Query);
            _recursive[expression] = results;
        }
        return results.Matches(atom);
    }
}

/// <summary>Cached answers of one recursive query over one target: 0 unknown, 1 yes, 2 no.</summary>
internal sealed class RecursiveResults(TargetView target, QueryMolecule query)
{
    private readonly byte[] _state = new byte[target.AtomCount];
    private Matcher? _matcher;

    public bool Matches(int atom)
    {
        if (_state[atom] == 0)
        {
            _matcher ??= new Matcher(target, query);
            _state[atom] = _matcher.HasMatchAnchored(atom) ? (byte)1 : (byte)2;
        }
        return _state[atom] == 1;
    }
}
