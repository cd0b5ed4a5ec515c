namespace Sieve.Ocsr.Vector;

/// <summary>Repeat brackets seen in the raw line pieces, before any bond length is known. A bracket crosses a bond
/// at its middle, so thinning cuts both the bond and the bracket into halves that meet at one four-way point; in a
/// short chain those halves outnumber the whole bonds and a median of piece lengths lands on half a bond. Joining
/// each crossed line back into one piece keeps the length estimate on whole bonds. A bracket is told from a
/// cross-drawn atom with four bonds (a tBu) by its hooks: a short piece turned sharply at the free end of one of its
/// lines.</summary>
internal static class BracketCrossings
{
    /// <summary>The pieces with each bracket crossing's four halves replaced by the two whole lines (the bond and the
    /// bracket). Pieces longer than <c>3 × stroke</c> are the lines that may meet at a crossing.</summary>
    public static List<Segment> JoinCrossedLines(IReadOnlyList<Segment> segments, double stroke)
    {
        var lines = segments.Where(s => s.Length > 3 * stroke).ToList();
        var meet = 2 * stroke;
        var used = new HashSet<Segment>();
        var joined = new List<Segment>();
        foreach (var centre in lines.SelectMany(s => new[] { s.A, s.B }))
        {
            var arms = lines.Where(s => !used.Contains(s) && Near(s, centre, meet)).ToList();
            if (arms.Count != 4 || lines.Count(s => Near(s, centre, meet)) != 4) continue;
            var far = arms.Select(s => FarEnd(s, centre)).ToList();
            foreach (var ((a, b), (c, d)) in GraphQueries.Pairings())
            {
                if (!Geometry.Opposite(centre, far[a], far[b], 15) || !Geometry.Opposite(centre, far[c], far[d], 15)) continue;
                if (!IsBracket(arms[a], arms[b], far[a], far[b]) && !IsBracket(arms[c], arms[d], far[c], far[d])) continue;
                joined.Add(new Segment(far[a], far[b]));
                joined.Add(new Segment(far[c], far[d]));
                used.UnionWith(arms);
                break;
            }
        }
        return [.. segments.Where(s => !used.Contains(s)), .. joined];

        // A bracket line ends free (no other line there) and has a hook at one end at least.
        bool IsBracket(Segment s1, Segment s2, Pt e1, Pt e2) =>
            Free(s1, e1) && Free(s2, e2) && (Hooked(s1, e1) || Hooked(s2, e2));
        bool Free(Segment arm, Pt end) => !lines.Any(s => s != arm && Near(s, end, meet) && !IsHook(s, arm));
        bool Hooked(Segment arm, Pt end) => segments.Any(h => Near(h, end, meet) && IsHook(h, arm));
    }

    /// <summary>A hook is short beside its bracket line (RDKit draws it about a fifth of the half-line, so in a large
    /// drawing it can be longer than three line widths) and turned sharply from it.</summary>
    private static bool IsHook(Segment piece, Segment arm) =>
        piece != arm && piece.Length < arm.Length * 0.4 && piece.AngleTo(arm) > 45;

    private static bool Near(Segment s, Pt p, double radius) =>
        Geometry.Distance(s.A, p) < radius || Geometry.Distance(s.B, p) < radius;

    private static Pt FarEnd(Segment s, Pt centre) =>
        Geometry.Distance(s.A, centre) < Geometry.Distance(s.B, centre) ? s.B : s.A;
}
