namespace Sieve.Ocsr.Vector;

/// <summary>A wavy bond: the straight pieces of its traced line that it replaces (in its component) and the
/// straight bond it stands for.</summary>
internal sealed record WavyLine(int ComponentId, IReadOnlyList<Segment> Pieces, Segment Chord);

/// <summary>Wavy bonds (stereo unknown): a stretch of a traced line that swings from side to side of its chord
/// many times, each swing a few line widths long and low. A zigzag carbon chain swings too, but once per bond,
/// so its swings are far longer. Runs before the bond length is known (the wiggles would pull it down), so
/// its measures are in line widths. A traced line runs from junction to junction and may carry on past the
/// wavy bond's end into the next, straight bond: long straight pieces at either end are left as they are.</summary>
internal static class WavyBondDetector
{
    public static List<WavyLine> Find(IEnumerable<(int Id, IReadOnlyList<Pt> Path, List<Segment> Pieces)> traced, double stroke)
    {
        var result = new List<WavyLine>();
        var longPiece = 8 * stroke;
        foreach (var (id, path, pieces) in traced)
        {
            int first = 0, last = pieces.Count - 1;
            while (first <= last && pieces[first].Length > longPiece) first++;
            while (last >= first && pieces[last].Length > longPiece) last--;
            if (last - first < 3) continue;
            var from = IndexOf(path, pieces[first].A);
            var to = IndexOf(path, pieces[last].B);
            if (from < 0 || to < 0 || to - from < 8) continue;
            var chord = new Segment(path[from], path[to]);
            if (chord.Length < 6 * stroke) continue;
            var n = new Pt(-chord.Direction.Y, chord.Direction.X);
            var hysteresis = Math.Max(1.0, stroke * 0.4);
            double worst = 0;
            int side = 0, swings = 0;
            for (var i = from; i <= to; i++)
            {
                var dev = n.Dot(path[i] - chord.A);
                worst = Math.Max(worst, Math.Abs(dev));
                var now = dev > hysteresis ? 1 : dev < -hysteresis ? -1 : 0;
                if (now == 0 || now == side) continue;
                if (side != 0) swings++;
                side = now;
            }
            if (swings >= 4 && chord.Length / swings <= 6 * stroke && worst <= 0.15 * chord.Length && worst >= 1.5 * hysteresis)
                result.Add(new WavyLine(id, pieces.GetRange(first, last - first + 1), chord));
        }
        return result;
    }

    private static int IndexOf(IReadOnlyList<Pt> path, Pt p)
    {
        for (var i = 0; i < path.Count; i++)
            if (path[i] == p) return i;
        return -1;
    }
}
