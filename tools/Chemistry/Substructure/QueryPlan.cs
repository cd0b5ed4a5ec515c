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
            if (query.Atoms[i].Chirality != Chirality.None) HasChirality = true;
        }
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
