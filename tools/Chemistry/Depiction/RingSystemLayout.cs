namespace Sieve.Chemistry.Depiction;

/// <summary>Places one ring system (rings sharing atoms) in its own frame: the first ring as a regular
/// polygon, then ring by ring — fused on a shared edge, spiro on a shared atom, completed as a regular
/// polygon when the placed part fits one, else (bridges) the missing atoms on a circular arc.</summary>
internal static class RingSystemLayout
{
    /// <summary>Lays out <paramref name="rings"/> (atom cycles) into <paramref name="pos"/>, marking
    /// <paramref name="placed"/>; returns the atoms placed, in placement order.</summary>
    public static List<int> Layout(IReadOnlyList<int[]> rings, int[] ranks, Point2[] pos, bool[] placed, double bond)
    {
        var done = new bool[rings.Count];
        var system = new List<int>();
        if (Envelope(rings, ranks) is { } envelope)
        {
            // Bridged: the outline of two rings sharing a path first, the bridge then crosses it.
            PlacePolygon(envelope, ranks, pos, placed, bond, system);
        }
        else
        {
            var first = PickFirst(rings, ranks);
            PlacePolygon(rings[first], ranks, pos, placed, bond, system);
            done[first] = true;
        }
        while (true)
        {
            var next = PickNext(rings, done, placed, ranks);
            if (next < 0) break;
            done[next] = true;
            PlaceRing(rings[next], pos, placed, bond, system);
        }
        SeparateCoincident(pos, system, bond);
        return system;
    }

    /// <summary>Last resort for cages the polygon-and-arc scheme cannot draw: atoms that landed on each
    /// other are pushed apart (outwards from the system's centre), so every atom keeps its own position.</summary>
    private static void SeparateCoincident(Point2[] pos, List<int> system, double bond)
    {
        var centre = new Point2(0, 0);
        foreach (var a in system) centre += pos[a];
        centre *= 1.0 / system.Count;
        for (var round = 0; round < 4; round++)
        {
            var moved = false;
            for (var i = 0; i < system.Count; i++)
                for (var j = i + 1; j < system.Count; j++)
                {
                    var a = system[i];
                    var b = system[j];
                    if ((pos[a] - pos[b]).Length >= bond * 0.25) continue;
                    var dir = pos[b] - centre;
                    var len = dir.Length;
                    dir = len < 1e-6 ? new Point2(1, 0) : dir * (1 / len);
                    pos[b] += dir * (bond * 0.45);
                    moved = true;
                }
            if (!moved) return;
        }
    }

    /// <summary>For a bridged system: the single cycle formed by two rings that share a path of three or
    /// more atoms (their edges, less the shared ones) — the smallest such, then lowest ranked. Null when the
    /// system has no bridge.</summary>
    private static int[]? Envelope(IReadOnlyList<int[]> rings, int[] ranks)
    {
        int[]? best = null;
        var bestRank = int.MaxValue;
        for (var i = 0; i < rings.Count; i++)
            for (var j = i + 1; j < rings.Count; j++)
            {
                if (SharedCount(rings[i], rings[j]) < 3) continue;
                var cycle = EdgeXorCycle(rings[i], rings[j]);
                if (cycle is null) continue;
                var rank = MinRank(cycle, ranks);
                if (best is null || cycle.Length < best.Length || (cycle.Length == best.Length && rank < bestRank))
                {
                    best = cycle;
                    bestRank = rank;
                }
            }
        return best;
    }

    private static int[]? EdgeXorCycle(int[] a, int[] b)
    {
        var edges = new HashSet<(int, int)>();
        foreach (var ring in (ReadOnlySpan<int[]>)[a, b])
            for (var k = 0; k < ring.Length; k++)
            {
                var x = ring[k];
                var y = ring[(k + 1) % ring.Length];
                var e = x < y ? (x, y) : (y, x);
                if (!edges.Add(e)) edges.Remove(e);
            }
        if (edges.Count < 3) return null;
        var adj = new Dictionary<int, List<int>>();
        foreach (var (x, y) in edges)
        {
            if (!adj.TryGetValue(x, out var lx)) adj[x] = lx = [];
            if (!adj.TryGetValue(y, out var ly)) adj[y] = ly = [];
            lx.Add(y);
            ly.Add(x);
        }
        foreach (var l in adj.Values) if (l.Count != 2) return null;
        var start = adj.Keys.Min();
        var cycle = new List<int> { start };
        var prev = start;
        var cur = adj[start][0];
        while (cur != start)
        {
            cycle.Add(cur);
            var next = adj[cur][0] == prev ? adj[cur][1] : adj[cur][0];
            prev = cur;
            cur = next;
        }
        return cycle.Count == edges.Count ? [.. cycle] : null;
    }

    /// <summary>The ring sharing atoms with most other rings (then the largest, then lowest rank) anchors the system.</summary>
    private static int PickFirst(IReadOnlyList<int[]> rings, int[] ranks)
    {
        var best = 0;
        var bestKey = (int.MinValue, int.MinValue, int.MaxValue);
        for (var i = 0; i < rings.Count; i++)
        {
            var shared = 0;
            for (var j = 0; j < rings.Count; j++)
                if (j != i && SharedCount(rings[i], rings[j]) >= 2) shared++;
            var key = (shared, rings[i].Length, -MinRank(rings[i], ranks));
            if (key.CompareTo(bestKey) > 0) { bestKey = key; best = i; }
        }
        return best;
    }

    private static int PickNext(IReadOnlyList<int[]> rings, bool[] done, bool[] placed, int[] ranks)
    {
        var best = -1;
        var bestKey = (0, 0, 0);
        for (var i = 0; i < rings.Count; i++)
        {
            if (done[i]) continue;
            var count = 0;
            foreach (var a in rings[i]) if (placed[a]) count++;
            if (count == 0) continue;
            // An edge-fused ring first (2 shared atoms), then bridged ones by most shared atoms, then spiro.
            var kind = count == 2 ? 3 : count > 2 ? 2 : 1;
            var key = (kind, count, -MinRank(rings[i], ranks));
            if (best < 0 || key.CompareTo(bestKey) > 0) { bestKey = key; best = i; }
        }
        return best;
    }

    private static int SharedCount(int[] a, int[] b)
    {
        var n = 0;
        foreach (var x in a) if (Array.IndexOf(b, x) >= 0) n++;
        return n;
    }

    private static int MinRank(int[] ring, int[] ranks)
    {
        var r = int.MaxValue;
        foreach (var a in ring) r = Math.Min(r, ranks[a]);
        return r;
    }

    public static double Circumradius(int n, double bond) => bond / (2 * Math.Sin(Math.PI / n));

    private static void PlacePolygon(int[] ring, int[] ranks, Point2[] pos, bool[] placed, double bond, List<int> system)
    {
        var n = ring.Length;
        var start = 0;
        for (var i = 1; i < n; i++) if (ranks[ring[i]] < ranks[ring[start]]) start = i;
        var r = Circumradius(n, bond);
        // A vertex on top, so six-rings stand with vertical side bonds as chemists draw them.
        for (var k = 0; k < n; k++)
        {
            var a = ring[(start + k) % n];
            pos[a] = Point2.FromAngle(Math.PI / 2 - k * 2 * Math.PI / n, r);
            placed[a] = true;
            system.Add(a);
        }
    }

    private static void PlaceRing(int[] ring, Point2[] pos, bool[] placed, double bond, List<int> system)
    {
        var n = ring.Length;
        var placedCount = 0;
        foreach (var a in ring) if (placed[a]) placedCount++;
        if (placedCount == n) return;
        if (placedCount == 1) { PlaceSpiro(ring, pos, placed, bond, system); return; }

        // Runs of unplaced atoms, each between two placed atoms (ring order).
        var runs = UnplacedRuns(ring, placed);
        if (runs.Count == 1 && TryRegularPolygon(ring, runs[0], pos, placed, bond, system)) return;
        foreach (var (s, k) in runs) PlaceArc(ring, s, k, pos, placed, bond, system);
    }

    /// <summary>(index of the placed atom before the run, run length) for each run of unplaced atoms.</summary>
    private static List<(int Start, int Length)> UnplacedRuns(int[] ring, bool[] placed)
    {
        var n = ring.Length;
        var runs = new List<(int, int)>();
        for (var i = 0; i < n; i++)
        {
            if (!placed[ring[i]] || placed[ring[(i + 1) % n]]) continue;
            var k = 0;
            while (!placed[ring[(i + 1 + k) % n]]) k++;
            runs.Add((i, k));
        }
        return runs;
    }

    private static void PlaceSpiro(int[] ring, Point2[] pos, bool[] placed, double bond, List<int> system)
    {
        var n = ring.Length;
        var pi = 0;
        while (!placed[ring[pi]]) pi++;
        var p = pos[ring[pi]];
        var dir = FreeDirection(ring[pi], pos, placed, system, bond);
        var r = Circumradius(n, bond);
        var centre = p + Point2.FromAngle(dir, r);
        var a0 = (p - centre).Angle;
        for (var k = 1; k < n; k++)
        {
            var a = ring[(pi + k) % n];
            pos[a] = centre + Point2.FromAngle(a0 + k * 2 * Math.PI / n, r);
            placed[a] = true;
            system.Add(a);
        }
    }

    /// <summary>The direction (radians) away from the already placed system atoms bonded-near <paramref name="atom"/>.</summary>
    private static double FreeDirection(int atom, Point2[] pos, bool[] placed, List<int> system, double bond)
    {
        var angles = new List<double>();
        foreach (var o in system)
            if (o != atom && (pos[o] - pos[atom]).Length < bond * 1.2) angles.Add((pos[o] - pos[atom]).Angle);
        return Geometry.LargestGapBisector(angles);
    }

    /// <summary>Completes the ring as a regular polygon when the placed atoms already sit on one (fused edge,
    /// or a peri-fused ring closing around placed atoms).</summary>
    private static bool TryRegularPolygon(int[] ring, (int Start, int Length) run, Point2[] pos, bool[] placed, double bond, List<int> system)
    {
        var n = ring.Length;
        var m = n - run.Length; // placed atoms: ring[run.Start], ring[run.Start-1], ... going backwards
        var a = ring[run.Start];
        var b = ring[(run.Start - 1 + n) % n];
        var pa = pos[a];
        var pb = pos[b];
        var chord = pb - pa;
        var len = chord.Length;
        if (len < 1e-6) return false;
        var r = Circumradius(n, bond);
        var apothem = Math.Sqrt(Math.Max(0, r * r - len * len / 4));
        var mid = (pa + pb) * 0.5;
        var normal = new Point2(-chord.Y / len, chord.X / len);
        double bestErr = double.MaxValue;
        Point2 bestCentre = default;
        var bestStep = 0.0;
        var bestScore = double.MaxValue;
        foreach (var side in (ReadOnlySpan<double>)[1.0, -1.0])
        {
            var centre = mid + normal * (side * apothem);
            var aa = (pa - centre).Angle;
            var ab = (pb - centre).Angle;
            var step = Geometry.Normalize(ab - aa) > 0 ? 2 * Math.PI / n : -2 * Math.PI / n;
            // Placed atoms further back along the ring must sit where the polygon puts them.
            var err = 0.0;
            for (var k = 2; k < m; k++)
            {
                var at = ring[(run.Start - k + 2 * n) % n];
                var want = centre + Point2.FromAngle(aa + k * step, r);
                err = Math.Max(err, (want - pos[at]).Length);
            }
            // Where only an edge is shared, the side away from what is already there wins.
            var crowd = 0.0;
            var clash = false;
            for (var k = 1; k <= run.Length; k++)
            {
                var want = centre + Point2.FromAngle(aa - k * step, r);
                foreach (var o in system)
                {
                    var d = (pos[o] - want).Length;
                    if (d < bond * 0.9) crowd += bond * 0.9 - d;
                    if (d < bond * 0.5) clash = true;
                }
            }
            // A polygon on top of placed atoms (bridged systems) is no answer: the arc fallback takes over.
            if (clash) continue;
            var score = err * 10 + crowd;
            if (score < bestScore) { bestScore = score; bestErr = err; bestCentre = centre; bestStep = step; }
        }
        if (bestErr > bond * 0.15) return false;
        var a0 = (pa - bestCentre).Angle;
        for (var k = 1; k <= run.Length; k++)
        {
            var at = ring[(run.Start + k) % n];
            pos[at] = bestCentre + Point2.FromAngle(a0 - k * bestStep, r);
            placed[at] = true;
            system.Add(at);
        }
        return true;
    }

    /// <summary>Bridges and other awkward cases: the run's atoms on a circular arc between its two placed
    /// ends, of about one bond length per step, bulging to the less crowded side.</summary>
    private static void PlaceArc(int[] ring, int start, int k, Point2[] pos, bool[] placed, double bond, List<int> system)
    {
        var n = ring.Length;
        var ps = pos[ring[start]];
        var pe = pos[ring[(start + k + 1) % n]];
        var best = new Point2[k];
        var bestCrowd = double.MaxValue;
        var trial = new Point2[k];
        var chord = pe - ps;
        var chordLen2 = Math.Max(chord.Dot(chord), 1e-12);
        var arc = new Point2[k];
        foreach (var side in (ReadOnlySpan<double>)[1.0, -1.0])
        {
            Geometry.Arc(ps, pe, k, bond, side, arc);
            // Flattened variants: a bridge drawn across a ring it would otherwise trace over (bicyclo[2.2.2]).
            foreach (var flatten in (ReadOnlySpan<double>)[1.0, 0.6, 0.35])
            {
                for (var i = 0; i < k; i++)
                {
                    var foot = ps + chord * ((arc[i] - ps).Dot(chord) / chordLen2);
                    trial[i] = foot + (arc[i] - foot) * flatten;
                }
                var crowd = (1 - flatten) * 0.3;
                foreach (var t in trial)
                    foreach (var o in system)
                    {
                        var d = (pos[o] - t).Length;
                        if (d < bond) crowd += bond - d;
                    }
                if (crowd < bestCrowd - 1e-9) { bestCrowd = crowd; Array.Copy(trial, best, k); }
            }
        }
        for (var i = 0; i < k; i++)
        {
            var at = ring[(start + 1 + i) % n];
            pos[at] = best[i];
            placed[at] = true;
            system.Add(at);
        }
    }
}
