using Sieve.Chemistry.Smarts;

namespace Sieve.Chemistry.Substructure;

/// <summary>A query flattened for the matcher: expression arrays and compressed adjacency. Built once per
/// <see cref="QueryMolecule"/> and immutable, so it is safe to share between threads.</summary>
internal sealed class QueryPlan
{
    public readonly int AtomCount;
    public readonly AtomExpression[] Atoms;
    public readonly BondExpression[] Bonds;
    public readonly int[] Degree;
    public readonly int[] AdjStart;
    public readonly int[] AdjAtom;
    public readonly int[] AdjBond;
    public readonly bool HasChirality;
    /// <summary>Per query atom, the atomic number it requires, or -1.</summary>
    public readonly int[] RequiredElement;
    /// <summary>Pairs (element, how many query atoms require it), for rejecting targets that lack atoms.</summary>
    public readonly int[] ElementNeeds;

    public QueryPlan(QueryMolecule query)
    {
        var n = AtomCount = query.AtomCount;
        Atoms = new AtomExpression[n];
        Degree = new int[n];
        AdjStart = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            Atoms[i] = query.Atoms[i].Expression;
            Degree[i] = query.BondsOf(i).Count;
            AdjStart[i + 1] = AdjStart[i] + Degree[i];
            if (query.Atoms[i].MatchChirality != Chirality.None) HasChirality = true;
        }
        RequiredElement = new int[n];
        var needs = new SortedDictionary<int, int>();
        for (var i = 0; i < n; i++)
        {
            var e = Atoms[i].RequiredElement;
            RequiredElement[i] = e;
            if (e >= 0) needs[e] = needs.GetValueOrDefault(e) + 1;
        }
        var flat = new List<int>();
        foreach (var (e, count) in needs)
        {
            // Atomic numbers beyond the histogram can never be present in it: such a query matches nothing.
            flat.Add(e < 256 ? e : 0);
            flat.Add(e < 256 ? count : int.MaxValue);
        }
        ElementNeeds = [.. flat];
        Bonds = new BondExpression[query.BondCount];
        for (var b = 0; b < Bonds.Length; b++) Bonds[b] = query.Bonds[b].Expression;
        AdjAtom = new int[AdjStart[n]];
        AdjBond = new int[AdjStart[n]];
        for (var i = 0; i < n; i++)
        {
            var k = AdjStart[i];
            foreach (var b in query.BondsOf(i))
            {
                AdjAtom[k] = query.Bonds[b].Other(i);
                AdjBond[k] = b;
                k++;
            }
        }
    }
}
