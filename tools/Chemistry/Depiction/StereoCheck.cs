using Sieve.Chemistry.Canonical;

namespace Sieve.Chemistry.Depiction;

/// <summary>Reads cis/trans from drawn coordinates: both reference substituents on the same side of
/// the double bond's line means cis.</summary>
internal static class StereoCheck
{
    /// <summary>Whether double bond <paramref name="bi"/> is drawn with the configuration the molecule has;
    /// null when it carries none or a side has no placed substituent yet.</summary>
    public static bool? Holds(Molecule m, DoubleBondStereo?[] stereo, int bi, IReadOnlyList<Point2> pos, bool[]? placed)
    {
        if (stereo[bi] is not { } st) return null;
        var b = m.Bonds[bi];
        if (placed is not null && (!placed[b.Begin] || !placed[b.End])) return null;
        var q = PlacedOther(m, b.Begin, b.End, st.RefBegin, placed);
        var s = PlacedOther(m, b.End, b.Begin, st.RefEnd, placed);
        if (q < 0 || s < 0) return null;
        var sameWanted = st.Cis ^ (q != st.RefBegin) ^ (s != st.RefEnd);
        var axis = pos[b.End] - pos[b.Begin];
        var sq = axis.Cross(pos[q] - pos[b.Begin]);
        var ss = axis.Cross(pos[s] - pos[b.Begin]);
        if (Math.Abs(sq) < 1e-6 || Math.Abs(ss) < 1e-6) return false; // on the line: no configuration at all
        return (sq > 0) == (ss > 0) == sameWanted;
    }

    /// <summary>The reference neighbour when placed, else another placed neighbour (not <paramref name="exclude"/>).</summary>
    private static int PlacedOther(Molecule m, int atom, int exclude, int reference, bool[]? placed)
    {
        if (placed is null || placed[reference]) return reference;
        foreach (var n in m.Neighbors(atom))
            if (n != exclude && placed[n]) return n;
        return -1;
    }
}
