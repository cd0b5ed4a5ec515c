using Sieve.Chemistry.Smarts;

namespace Sieve.Chemistry.Substructure;

/// <summary>Tetrahedral chirality test of a finished match (SubstructureOptions.UseChirality), following
/// RDKit: a query centre with <c>@</c>/<c>@@</c> and at least three bonds needs a chiral target atom whose
/// parity, after mapping the query's neighbour order onto the target's, agrees.</summary>
internal static class ChiralityCheck
{
    // Marks the implicit hydrogen (or lone pair) in a neighbour list.
    private const int Implicit = -1;

    public static bool Matches(TargetView target, QueryMolecule query, int[] map)
    {
        Span<int> qList = stackalloc int[8];
        Span<int> tList = stackalloc int[8];
        for (var qa = 0; qa < query.AtomCount; qa++)
        {
            var qAtom = query.Atoms[qa];
            if (qAtom.Chirality == Chirality.None) continue;
            var qBonds = query.BondsOf(qa);
            if (qBonds.Count < 3) continue;
            var ta = map[qa];
            var tAtom = target.Molecule.Atoms[ta];
            if (tAtom.Chirality == Chirality.None) return false;
            var tDegree = target.Degree[ta];
            if (qBonds.Count > tDegree || tDegree > 4) return false;

            // Target ligands in the order its parity refers to, the implicit H in its written place.
            var tn = 0;
            var tFirstIsFrom = tDegree > 0 && target.AdjAtom[target.AdjStart[ta]] < ta;
            var tHasImplicit = tDegree == 3;
            for (var k = target.AdjStart[ta]; k < target.AdjStart[ta + 1]; k++)
            {
                if (tHasImplicit && tn == (tFirstIsFrom ? 1 : 0)) tList[tn++] = Implicit;
                tList[tn++] = target.AdjAtom[k];
            }
            if (tHasImplicit && tn == 3) tList[tn++] = Implicit;

            // Query ligands mapped into the target; a ligand the query leaves out stands where the query's
            // implicit H / lone pair would be.
            var qn = 0;
            var qFirstIsFrom = query.Bonds[qBonds[0]].Other(qa) < qa;
            var missing = Implicit;
            if (qBonds.Count == 3 && tDegree == 4)
            {
                for (var k = target.AdjStart[ta]; k < target.AdjStart[ta + 1]; k++)
                {
                    var cand = target.AdjAtom[k];
                    var hit = false;
                    foreach (var b in qBonds)
                        if (map[query.Bonds[b].Other(qa)] == cand) { hit = true; break; }
                    if (!hit) { missing = cand; break; }
                }
            }
            foreach (var b in qBonds)
            {
                if (qBonds.Count == 3 && qn == (qFirstIsFrom ? 1 : 0)) qList[qn++] = missing;
                qList[qn++] = map[query.Bonds[b].Other(qa)];
            }
            if (qBonds.Count == 3 && qn == 3) qList[qn++] = missing;
            if (qn != tn) return false;

            var parity = PermutationParity(qList[..qn], tList[..tn]);
            if (parity < 0) return false;
            var same = qAtom.Chirality == tAtom.Chirality;
            if (same != (parity == 0)) return false;
        }
        return true;
    }

    /// <summary>0 for an even permutation taking <paramref name="a"/> to <paramref name="b"/>, 1 for odd,
    /// -1 when they are not permutations of each other.</summary>
    private static int PermutationParity(Span<int> a, Span<int> b)
    {
        Span<int> work = stackalloc int[a.Length];
        a.CopyTo(work);
        var swaps = 0;
        for (var i = 0; i < b.Length; i++)
        {
            if (work[i] == b[i]) continue;
            var j = i + 1;
            while (j < work.Length && work[j] != b[i]) j++;
            if (j == work.Length) return -1;
            (work[i], work[j]) = (work[j], work[i]);
            swaps++;
        }
        return swaps & 1;
    }
}
