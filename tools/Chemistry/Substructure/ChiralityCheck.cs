using Sieve.Chemistry.Smarts;

namespace Sieve.Chemistry.Substructure;

/// <summary>Tetrahedral chirality test of a finished match (SubstructureOptions.UseChirality), as RDKit
/// does it: a query centre with <c>@</c>/<c>@@</c> and at least three bonds needs a chiral target atom;
/// the query's neighbours, mapped into the target in query bond order (target neighbours the query leaves
/// out appended last), must be an even permutation of the target's bond order exactly when the two
/// parities are the same.</summary>
internal static class ChiralityCheck
{
    /// <summary>An atom's parity relative to its bond order with the implicit H taken as the last neighbour.
    /// The model writes the H where SMILES had it: first when the atom starts its component (its first
    /// neighbour comes later), which is three places from last, an odd permutation.</summary>
    public static Chirality Normalized(Molecule m, int atom)
    {
        var a = m.Atoms[atom];
        if (a.Chirality == Chirality.None) return Chirality.None;
        var bonds = m.BondsOf(atom);
        if (bonds.Count == 3 && a.TotalHydrogens == 1 && m.Bonds[bonds[0]].Other(atom) > atom)
            return a.Chirality == Chirality.Clockwise ? Chirality.CounterClockwise : Chirality.Clockwise;
        return a.Chirality;
    }

    public static bool Matches(TargetView target, QueryMolecule query, int[] map)
    {
        Span<int> mapped = stackalloc int[16];
        for (var qa = 0; qa < query.AtomCount; qa++)
        {
            var qTag = query.Atoms[qa].MatchChirality;
            if (qTag == Chirality.None) continue;
            var qBonds = query.BondsOf(qa);
            if (qBonds.Count < 3) continue;
            var ta = map[qa];
            var tTag = Normalized(target.Molecule, ta);
            if (tTag == Chirality.None) return false;
            var start = target.AdjStart[ta];
            var tDegree = target.AdjStart[ta + 1] - start;
            if (qBonds.Count > tDegree || tDegree > mapped.Length) return false;

            var n = 0;
            foreach (var b in qBonds) mapped[n++] = map[query.Bonds[b].Other(qa)];
            for (var k = 0; k < tDegree; k++)
            {
                var t = target.AdjAtom[start + k];
                if (mapped[..n].IndexOf(t) < 0) mapped[n++] = t;
            }
            var parity = PermutationParity(mapped[..n], target.AdjAtom.AsSpan(start, tDegree));
            if (parity < 0) return false;
            if ((qTag == tTag) != (parity == 0)) return false;
        }
        return true;
    }

    /// <summary>0 for an even permutation taking <paramref name="a"/> to <paramref name="b"/>, 1 for odd,
    /// -1 when they are not permutations of each other.</summary>
    private static int PermutationParity(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (a.Length != b.Length) return -1;
        Span<int> work = stackalloc int[a.Length];
        a.CopyTo(work);
        var swaps = 0;
        for (var i = 0; i < b.Length; i++)
        {
            if (work[i] == b[i]) continue;
            var j = work[(i + 1)..].IndexOf(b[i]);
            if (j < 0) return -1;
            (work[i], work[i + 1 + j]) = (work[i + 1 + j], work[i]);
            swaps++;
        }
        return swaps & 1;
    }
}
