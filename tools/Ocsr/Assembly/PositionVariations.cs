using Sieve.Chemistry;
using Sieve.Ocsr.Vector;

namespace Sieve.Ocsr.Assembly;

/// <summary>A substituent drawn into a ring becomes CXSMILES position variation the way MarkushMatcher reads it:
/// the substituent's atom (an R-label's <c>*</c>) is bonded to one ring atom — the free one nearest to where its
/// line crossed the ring — and <c>m:</c> lists every ring atom it may sit on: the carbons with a hydrogen to
/// give up (two bonds drawn).</summary>
internal static class PositionVariations
{
    public static void Add(Molecule m, DrawnPositionVariation pv, int[] nodeAtom)
    {
        var outer = nodeAtom[pv.Outer];
        var ring = pv.Ring.Select(n => nodeAtom[n]).Distinct().ToList();
        if (ring.Contains(outer)) return;
        var candidates = ring.Where(a => m.Atoms[a].Element == 6 && m.Degree(a) == 2).ToList();
        if (candidates.Count == 0) return;
        var nearest = nodeAtom[pv.Nearest];
        var at = candidates.Contains(nearest) ? nearest : candidates[0];
        if (m.BondBetween(outer, at) is null) m.AddBond(outer, at, BondOrder.Single);
        m.PositionVariations.Add(new PositionVariation(outer, candidates));
    }
}
