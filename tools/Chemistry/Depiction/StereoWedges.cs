using Sieve.Chemistry.Canonical;

namespace Sieve.Chemistry.Depiction;

/// <summary>Wedge and hash bonds that, with a 2D layout, express every tetrahedral centre of a molecule
/// (RDKit reads molfile stereo this way, not from atom parities). One single bond per centre, narrow end at
/// the centre, preferring bonds to non-stereo, non-ring neighbours of low degree; double bonds that could
/// carry cis/trans but have none specified are marked <see cref="BondWedge.Either"/> so a reader does not
/// invent a configuration from the drawing.</summary>
public static class StereoWedges
{
    public static WedgeAssignment Assign(Molecule m, IReadOnlyList<Point2> coords)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(coords);
        if (coords.Count != m.AtomCount) throw new ArgumentException($"{coords.Count} coordinates for {m.AtomCount} atoms", nameof(coords));
        var analysis = CanonicalRanking.Analyze(m, isomeric: true);
        var parities = analysis.Parities;
        var ranks = analysis.Ranks;
        var rings = m.Rings ?? Perception.RingPerception.Perceive(m);
        var wedges = new BondWedge[m.BondCount];
        var starts = new int[m.BondCount];
        for (var i = 0; i < starts.Length; i++) starts[i] = m.Bonds[i].Begin;
        var used = new bool[m.BondCount];

        // Centres with fewest usable bonds choose first, so none is left without one.
        var centres = new List<int>();
        for (var a = 0; a < m.AtomCount; a++)
            if (parities[a] != 0 && m.Degree(a) is 3 or 4) centres.Add(a);
        centres.Sort((x, y) =>
        {
            var cx = Candidates(m, x); var cy = Candidates(m, y);
            return cx != cy ? cx.CompareTo(cy) : ranks[x].CompareTo(ranks[y]);
        });
        foreach (var c in centres)
        {
            var best = -1;
            var bestScore = double.MaxValue;
            var bestSign = 0.0;
            foreach (var bi in m.BondsOf(c))
            {
                var b = m.Bonds[bi];
                if (used[bi] || b.Order != BondOrder.Single || b.IsAromatic) continue;
                var nb = b.Other(c);
                var volume = TetrahedralGeometry.SignedVolume(m, c, coords, nb, 1.0);
                if (Math.Abs(volume) < 1e-3) continue; // the drawing cannot say anything through this bond
                var score = 0.0;
                if (parities[nb] != 0) score += 1000;
                if (rings.IsBondInRing(bi)) score += 100;
                if (IsDoubleBondEnd(m, analysis.DoubleBonds, nb)) score += 50;
                score += m.Degree(nb) * 10 + ranks[nb] * 1e-4;
                // Flat, nearly degenerate drawings lose against clear ones.
                score -= Math.Min(Math.Abs(volume), 2.0);
                if (score < bestScore) { bestScore = score; best = bi; bestSign = volume; }
            }
            if (best < 0) continue;
            used[best] = true;
            starts[best] = c;
            // Negative volume with the neighbour raised reads as counter-clockwise (@) — see TetrahedralGeometry.
            var ccw = bestSign < 0;
            wedges[best] = ccw == (parities[c] == StereoPerception.CounterClockwise) ? BondWedge.Wedge : BondWedge.Hash;
        }

        for (var bi = 0; bi < m.BondCount; bi++)
            if (NeedsEither(m, rings, analysis.DoubleBonds, bi)) wedges[bi] = BondWedge.Either;
        return new WedgeAssignment(wedges, starts);
    }

    private static int Candidates(Molecule m, int c)
    {
        var n = 0;
        foreach (var bi in m.BondsOf(c))
            if (m.Bonds[bi].Order == BondOrder.Single && !m.Bonds[bi].IsAromatic) n++;
        return n;
    }

    private static bool IsDoubleBondEnd(Molecule m, DoubleBondStereo?[] stereo, int atom)
    {
        foreach (var bi in m.BondsOf(atom))
            if (stereo[bi] is not null) return true;
        return false;
    }

    /// <summary>A non-aromatic double bond outside small rings, with a substituent on each end and no
    /// configuration given: a 2D reader would otherwise read one off the drawing.</summary>
    private static bool NeedsEither(Molecule m, RingInfo rings, DoubleBondStereo?[] stereo, int bi)
    {
        var b = m.Bonds[bi];
        if (b.Order != BondOrder.Double || b.IsAromatic || stereo[bi] is not null) return false;
        if (m.Degree(b.Begin) < 2 || m.Degree(b.End) < 2) return false;
        for (var size = 3; size < 8; size++)
            if (rings.IsBondInRingOfSize(bi, size)) return false;
        return true;
    }
}

/// <summary>Per bond: the wedge, and the atom at its narrow end (the stereocentre; for other bonds the
/// bond's Begin). A molfile lists a wedged bond from its narrow end.</summary>
public sealed record WedgeAssignment(BondWedge[] Wedges, int[] Starts)
{
    /// <summary>Writes the wedges onto the molecule's bonds, turning a wedged bond around where its
    /// stereocentre is its End (the / \ direction turns with it, which keeps its meaning).</summary>
    public void ApplyTo(Molecule m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (Wedges.Length != m.BondCount) throw new ArgumentException("assignment is for another molecule", nameof(m));
        for (var bi = 0; bi < m.BondCount; bi++)
        {
            var b = m.Bonds[bi];
            b.Wedge = Wedges[bi];
            if (Starts[bi] == b.End && b.Wedge is BondWedge.Wedge or BondWedge.Hash)
            {
                (b.Begin, b.End) = (b.End, b.Begin);
                b.Direction = b.Direction switch
                {
                    BondDirection.Up => BondDirection.Down,
                    BondDirection.Down => BondDirection.Up,
                    _ => BondDirection.None,
                };
            }
        }
    }
}
