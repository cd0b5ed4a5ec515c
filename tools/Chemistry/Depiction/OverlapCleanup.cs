using Sieve.Chemistry.Canonical;

namespace Sieve.Chemistry.Depiction;

/// <summary>A cheap clean-up after the layout: while two atoms nearly coincide, mirror the smaller
/// branch across one of the acyclic single bonds on the path between them (a mirror about a bond axis keeps
/// every cis/trans configuration), keeping the flip that relieves crowding most.</summary>
internal static class OverlapCleanup
{
    public static void Run(Molecule m, RingInfo rings, DoubleBondStereo?[] stereo, Point2[] pos, List<int> comp, double bond)
    {
        if (comp.Count < 4) return;
        var limit = bond * 0.9;
        var side = new List<int>();
        var inSide = new bool[m.AtomCount];
        var maxRounds = Math.Min(3 * comp.Count, 60);
        var hopeless = new HashSet<(int, int)>();
        for (var round = 0; round < maxRounds; round++)
        {
            // Worst contact in this component.
            int wi = -1, wj = -1;
            var worst = limit;
            for (var x = 0; x < comp.Count; x++)
                for (var y = x + 1; y < comp.Count; y++)
                {
                    var d = (pos[comp[x]] - pos[comp[y]]).Length;
                    if (d < worst && !hopeless.Contains((comp[x], comp[y]))) { worst = d; wi = comp[x]; wj = comp[y]; }
                }
            if (wi < 0) return;
            var path = PathBonds(m, wi, wj);
            var bestGain = 1e-6;
            var bestBond = -1;
            var bestFromBegin = false;
            var bestMove = 0;
            foreach (var bi in path)
            {
                var b = m.Bonds[bi];
                if (rings.IsBondInRing(bi) || b.Order != BondOrder.Single || b.IsAromatic) continue;
                // Move the smaller side.
                var fromBegin = CollectSide(m, b.Begin, bi, side, inSide) * 2 <= comp.Count;
                Clear(side, inSide);
                CollectSide(m, fromBegin ? b.Begin : b.End, bi, side, inSide);
                var pivot = fromBegin ? b.End : b.Begin;
                var before = Penalty(pos, side, inSide, comp, limit, null, pos[b.Begin], pos[b.End], pos[pivot], identity: true);
                for (var move = 0; move < Moves.Length; move++)
                {
                    // Rotations bend the angle at the pivot: not where that turns a cis/trans bond.
                    if (move > 0 && AtStereoDoubleBond(m, stereo, pivot)) break;
                    var gain = before - Penalty(pos, side, inSide, comp, limit, Moves[move], pos[b.Begin], pos[b.End], pos[pivot]);
                    if (gain > bestGain) { bestGain = gain; bestBond = bi; bestFromBegin = fromBegin; bestMove = move; }
                }
                Clear(side, inSide);
            }
            if (bestBond < 0)
            {
                // Nothing on this pair's path helps; other contacts may still be relieved.
                hopeless.Add((wi, wj));
                continue;
            }
            var bb = m.Bonds[bestBond];
            CollectSide(m, bestFromBegin ? bb.Begin : bb.End, bestBond, side, inSide);
            var l0 = pos[bb.Begin];
            var l1 = pos[bb.End];
            var pv = pos[bestFromBegin ? bb.End : bb.Begin];
            foreach (var a in side) pos[a] = Apply(Moves[bestMove], pos[a], l0, l1, pv);
            Clear(side, inSide);
        }
    }

    /// <summary>Candidate moves of a branch: a mirror across its bond (null), then small rotations (radians)
    /// about the atom it hangs from, which break exact coincidences on the hexagonal grid.</summary>
    private static readonly double?[] Moves = [null, Math.PI / 12, -Math.PI / 12, Math.PI / 6, -Math.PI / 6];

    private static bool AtStereoDoubleBond(Molecule m, DoubleBondStereo?[] stereo, int atom)
    {
        foreach (var bi in m.BondsOf(atom))
            if (stereo[bi] is not null) return true;
        return false;
    }

    private static Point2 Apply(double? move, Point2 p, Point2 l0, Point2 l1, Point2 pivot)
    {
        if (move is not { } angle) return Mirror(p, l0, l1);
        var d = p - pivot;
        var c = Math.Cos(angle);
        var s = Math.Sin(angle);
        return pivot + new Point2(d.X * c - d.Y * s, d.X * s + d.Y * c);
    }

    private static void Clear(List<int> side, bool[] inSide)
    {
        foreach (var a in side) inSide[a] = false;
        side.Clear();
    }

    /// <summary>Atoms reached from <paramref name="start"/> without crossing bond <paramref name="cut"/>.</summary>
    private static int CollectSide(Molecule m, int start, int cut, List<int> side, bool[] inSide)
    {
        var stack = new Stack<int>();
        stack.Push(start);
        inSide[start] = true;
        side.Add(start);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            foreach (var bi in m.BondsOf(x))
            {
                if (bi == cut) continue;
                var y = m.Bonds[bi].Other(x);
                if (inSide[y]) continue;
                inSide[y] = true;
                side.Add(y);
                stack.Push(y);
            }
        }
        var n = side.Count;
        return n;
    }

    private static List<int> PathBonds(Molecule m, int from, int to)
    {
        var via = new Dictionary<int, int> { [from] = -1 };
        var q = new Queue<int>();
        q.Enqueue(from);
        while (q.Count > 0)
        {
            var x = q.Dequeue();
            if (x == to) break;
            foreach (var bi in m.BondsOf(x))
            {
                var y = m.Bonds[bi].Other(x);
                if (via.TryAdd(y, bi)) q.Enqueue(y);
            }
        }
        var path = new List<int>();
        if (!via.ContainsKey(to)) return path;
        for (var x = to; via[x] >= 0; x = m.Bonds[via[x]].Other(x)) path.Add(via[x]);
        return path;
    }

    private static double Contact(double d, double limit) => d < limit ? (limit - d) * (limit - d) : 0;

    /// <summary>Crowding between the branch (after <paramref name="move"/>, or as it is when
    /// <paramref name="l0"/>..) and the rest of the component.</summary>
    private static double Penalty(Point2[] pos, List<int> side, bool[] inSide, List<int> comp, double limit, double? move, Point2 l0, Point2 l1, Point2 pivot, bool identity = false)
    {
        var p = 0.0;
        foreach (var a in side)
        {
            var at = identity ? pos[a] : Apply(move, pos[a], l0, l1, pivot);
            foreach (var o in comp)
                if (!inSide[o]) p += Contact((at - pos[o]).Length, limit);
        }
        return p;
    }

    public static Point2 Mirror(Point2 p, Point2 l0, Point2 l1)
    {
        var d = l1 - l0;
        var len2 = d.Dot(d);
        if (len2 < 1e-12) return p;
        var t = (p - l0).Dot(d) / len2;
        var foot = l0 + d * t;
        return foot * 2 - p;
    }
}
