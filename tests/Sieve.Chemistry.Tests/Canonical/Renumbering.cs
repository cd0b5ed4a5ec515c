using Sieve.Chemistry.Canonical;

namespace Sieve.Chemistry.Tests.Canonical;

/// <summary>Builds the same molecule with atoms, bonds and bond ends in a random order, re-expressing
/// every stereo mark for the new neighbour order so the molecule (not its numbering) is unchanged.</summary>
internal static class Renumbering
{
    public static Molecule Shuffle(Molecule m, Random rng)
    {
        var n = m.AtomCount;
        var newOf = Permutation(n, rng);
        var oldOf = new int[n];
        for (var i = 0; i < n; i++) oldOf[newOf[i]] = i;
        var parities = StereoPerception.AtomParities(m); // H-last parity, independent of numbering rules

        var copy = new Molecule { Name = m.Name };
        for (var i = 0; i < n; i++) copy.AddAtom(m.Atoms[oldOf[i]].Clone());
        var bondOrder = Permutation(m.BondCount, rng);
        var byNewPosition = new int[m.BondCount];
        for (var b = 0; b < m.BondCount; b++) byNewPosition[bondOrder[b]] = b;
        foreach (var ob in byNewPosition)
        {
            var b = m.Bonds[ob].Clone();
            int begin = newOf[b.Begin], end = newOf[b.End];
            if (rng.Next(2) == 0)
            {
                (begin, end) = (end, begin);
                // "X/Y" is "Y\X": reversing the bond flips its direction mark.
                b.Direction = b.Direction switch
                {
                    BondDirection.Up => BondDirection.Down,
                    BondDirection.Down => BondDirection.Up,
                    _ => BondDirection.None,
                };
            }
            b.Begin = begin;
            b.End = end;
            copy.AddBond(b);
        }
        foreach (var pv in m.PositionVariations)
        {
            var cands = new List<int>();
            foreach (var c in pv.Candidates) cands.Add(newOf[c]);
            copy.PositionVariations.Add(new PositionVariation(newOf[pv.Atom], cands));
        }

        for (var oldA = 0; oldA < n; oldA++)
        {
            var p = parities[oldA];
            var a = newOf[oldA];
            if (p == 0) { copy.Atoms[a].Chirality = Chirality.None; continue; }
            var oldNbrs = new List<int>();
            foreach (var x in m.Neighbors(oldA)) oldNbrs.Add(newOf[x]);
            var newNbrs = new List<int>(copy.Neighbors(a));
            if (Sieve.Chemistry.Canonical.Permutation.IsOdd(oldNbrs.ToArray(), newNbrs.ToArray()))
                p = StereoPerception.Flip(p);
            // back to the model's convention: an H of an atom that starts its component comes first
            var hFirst = copy.Degree(a) == 3 && copy.Atoms[a].TotalHydrogens == 1 && StereoPerception.StartsComponent(copy, a);
            if (hFirst) p = StereoPerception.Flip(p);
            copy.Atoms[a].Chirality = p == StereoPerception.CounterClockwise ? Chirality.CounterClockwise : Chirality.Clockwise;
        }
        return copy;
    }

    private static int[] Permutation(int n, Random rng)
    {
        var p = new int[n];
        for (var i = 0; i < n; i++) p[i] = i;
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }
}
