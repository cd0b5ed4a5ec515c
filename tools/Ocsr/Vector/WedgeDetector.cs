using OpenCvSharp;

namespace Sieve.Ocsr.Vector;

/// <summary>Solid wedges: a single bond whose ink widens steadily from one end (the stereocentre) to the other.
/// Thinning has already turned the triangle into its centre line; the widths across that line tell a wedge
/// from a plain or bold line, which keep one width. A wide wedge can thin into two lines along its sides, read as
/// a double bond; its ink is solid between them, where a double bond's two lines have paper.</summary>
internal static class WedgeDetector
{
    public static void Mark(BondGraph graph, Mat ink, double bondLength, double stroke)
    {
        var width = new InkWidth(ink);
        for (var i = 0; i < graph.Bonds.Count; i++)
        {
            var bond = graph.Bonds[i];
            if (bond.Order > 2 || bond.Style != BondStyle.Plain) continue;
            Pt a = graph.Nodes[bond.A], b = graph.Nodes[bond.B];
            // A double bond read off a wedge's sides needs the wide wedge that makes two lines of it.
            if (Geometry.Distance(a, b) < bondLength * 0.3 || NarrowAtA(width, a, b, bondLength, stroke, bond.Order == 2) is not { } atA) continue;
            graph.Bonds[i] = atA
                ? bond with { Order = 1, Style = BondStyle.Wedge }
                : bond with { A = bond.B, B = bond.A, Order = 1, Style = BondStyle.Wedge };
        }
    }

    /// <summary>Drops the spurs thinning leaves at a short wedge's wide end (to a drawn H, say): short free lines
    /// from the end of a line whose ink ramps like a wedge. Left in, they and the wedge's own short centre line
    /// are a tight cluster of strokes that reads as a '-' glyph.</summary>
    public static void TrimWideEndSpurs(List<Segment> segs, InkWidth width, double bondLength, double stroke)
    {
        var reach = Math.Max(2.0, 1.5 * stroke);
        bool Free(Pt p, Segment self) => !segs.Any(o => !ReferenceEquals(o, self)
            && (Geometry.Distance(o.A, p) < reach || Geometry.Distance(o.B, p) < reach));
        foreach (var spine in segs.Where(s => s.Length > bondLength * 0.25 && s.Length < bondLength * 0.75).ToList())
        {
            if (NarrowAtA(width, spine.A, spine.B, bondLength, stroke) is not { } narrowAtA) continue;
            var wideEnd = narrowAtA ? spine.B : spine.A;
            segs.RemoveAll(s => !ReferenceEquals(s, spine) && s.Length < bondLength * 0.25
                && (Geometry.Distance(s.A, wideEnd) < reach && Free(s.B, s) || Geometry.Distance(s.B, wideEnd) < reach && Free(s.A, s)));
        }
    }

    /// <summary>Whether the ink along a–b widens steadily like a wedge's: true when it is narrow at a, false when
    /// narrow at b, null when it is no wedge (one width all along, or too little ink to tell). A wedge may be thin
    /// (half a line wider at its wide end); a <paramref name="wide"/> one is over twice a line there.</summary>
    public static bool? NarrowAtA(InkWidth width, Pt a, Pt b, double bondLength, double stroke, bool wide = false)
    {
        var dir = (b - a) * (1 / Math.Max(1e-9, Geometry.Distance(a, b)));
        // Widths along the middle of the bond (its ends meet labels and other bonds).
        var ts = new List<double>();
        var ws = new List<double>();
        for (var t = 0.2; t <= 0.801; t += 0.05)
        {
            var w = width.Across(a + (b - a) * t, dir, bondLength * 0.4, stroke * 1.5);
            if (w <= 0) continue;
            ts.Add(t);
            ws.Add(w);
        }
        if (ts.Count < 8) return null;
        var (intercept, slope, residual) = Fit(ts, ws);
        double atA = intercept, atB = intercept + slope;
        double narrow = Math.Min(atA, atB), widest = Math.Max(atA, atB);
        // A wedge: its wide end clearly wider than a line, its narrow end about a line, the widths on a
        // straight ramp (a crossing or a touching label makes a bump, not a ramp).
        if (wide ? widest < Math.Max(2.4 * stroke, stroke + 3) || narrow > 0.55 * widest
                 : widest < Math.Max(1.5 * stroke, stroke + 2) || narrow > 0.7 * widest) return null;
        if (residual > (wide ? 0.25 : 0.2) * (widest - narrow)) return null;
        return atA < atB;
    }

    /// <summary>Least-squares line through (t, w): intercept, slope and the root-mean-square residual.</summary>
    private static (double Intercept, double Slope, double Residual) Fit(List<double> ts, List<double> ws)
    {
        double mt = ts.Average(), mw = ws.Average();
        double stw = 0, stt = 0;
        for (var k = 0; k < ts.Count; k++)
        {
            stw += (ts[k] - mt) * (ws[k] - mw);
            stt += (ts[k] - mt) * (ts[k] - mt);
        }
        var slope = stt == 0 ? 0 : stw / stt;
        var intercept = mw - slope * mt;
        var rss = 0.0;
        for (var k = 0; k < ts.Count; k++)
        {
            var e = ws[k] - (intercept + slope * ts[k]);
            rss += e * e;
        }
        return (intercept, slope, Math.Sqrt(rss / ts.Count));
    }
}
