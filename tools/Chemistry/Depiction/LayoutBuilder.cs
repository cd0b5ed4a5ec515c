using Sieve.Chemistry.Canonical;

namespace Sieve.Chemistry.Depiction;

/// <summary>Grows a component's drawing outward from a root (its largest ring system, or an end of its
/// longest chain): each placed atom in turn gets positions for all its unplaced neighbours; a neighbour in
/// a ring system brings its whole system, laid out on its own and fitted in by rotation (and mirroring
/// where a cis/trans bond or crowding asks for it).</summary>
internal sealed class LayoutBuilder
{
    private readonly Molecule _m;
    private readonly int[] _ranks;
    private readonly DoubleBondStereo?[] _stereo;
    private readonly double _bond;
    private readonly bool[] _placed;
    private readonly int[] _systemOf;
    private readonly List<List<int[]>> _systems = [];
    private readonly bool[] _systemDone;
    private readonly Queue<int> _queue = new();
    private readonly int[] _mark;
    private int _markStamp;

    public Point2[] Pos { get; }

    public LayoutBuilder(Molecule m, RingInfo rings, int[] ranks, DoubleBondStereo?[] stereo, double bond)
    {
        _m = m;
        _ranks = ranks;
        _stereo = stereo;
        _bond = bond;
        Pos = new Point2[m.AtomCount];
        _placed = new bool[m.AtomCount];
        _mark = new int[m.AtomCount];
        _systemOf = new int[m.AtomCount];
        Array.Fill(_systemOf, -1);
        BuildRingSystems(rings);
        _systemDone = new bool[_systems.Count];
    }

    /// <summary>Groups SSSR rings that share atoms into ring systems.</summary>
    private void BuildRingSystems(RingInfo rings)
    {
        var ringSystem = new int[rings.RingCount];
        var parent = new int[rings.RingCount];
        for (var i = 0; i < parent.Length; i++) parent[i] = i;
        var owner = new int[_m.AtomCount];
        Array.Fill(owner, -1);
        for (var r = 0; r < rings.RingCount; r++)
            foreach (var a in rings.AtomRings[r])
            {
                if (owner[a] >= 0) Union(parent, owner[a], r);
                else owner[a] = r;
            }
        var index = new Dictionary<int, int>();
        for (var r = 0; r < rings.RingCount; r++)
        {
            var root = Find(parent, r);
            if (!index.TryGetValue(root, out var s)) { s = _systems.Count; index[root] = s; _systems.Add([]); }
            _systems[s].Add(rings.AtomRings[r]);
            ringSystem[r] = s;
            foreach (var a in rings.AtomRings[r]) _systemOf[a] = s;
        }
    }

    private static int Find(int[] p, int x) { while (p[x] != x) x = p[x] = p[p[x]]; return x; }
    private static void Union(int[] p, int a, int b) { a = Find(p, a); b = Find(p, b); if (a != b) p[Math.Max(a, b)] = Math.Min(a, b); }

    public void LayoutComponent(List<int> comp)
    {
        // Root: the largest ring system, else an end of the longest chain.
        var rootSystem = -1;
        var rootSize = 0;
        var rootRank = int.MaxValue;
        foreach (var a in comp)
        {
            var s = _systemOf[a];
            if (s < 0) continue;
            var size = SystemAtomCount(s);
            if (size > rootSize || (size == rootSize && _ranks[a] < rootRank))
            {
                rootSystem = s; rootSize = size; rootRank = _ranks[a];
            }
        }
        if (rootSystem >= 0)
        {
            foreach (var a in PlaceSystem(rootSystem, -1, -1, default)) _queue.Enqueue(a);
        }
        else
        {
            var root = ChainEnd(comp);
            Pos[root] = new Point2(0, 0);
            _placed[root] = true;
            _queue.Enqueue(root);
        }
        while (_queue.Count > 0) Expand(_queue.Dequeue());
    }

    private int SystemAtomCount(int s)
    {
        var stamp = ++_markStamp;
        var n = 0;
        foreach (var ring in _systems[s])
            foreach (var a in ring)
                if (_mark[a] != stamp) { _mark[a] = stamp; n++; }
        return n;
    }

    /// <summary>Farthest atom (then lowest rank) from the lowest-ranked atom: one end of a longest path.</summary>
    private int ChainEnd(List<int> comp)
    {
        var start = comp[0];
        foreach (var a in comp) if (_ranks[a] < _ranks[start]) start = a;
        var dist = new Dictionary<int, int> { [start] = 0 };
        var q = new Queue<int>();
        q.Enqueue(start);
        var best = start;
        while (q.Count > 0)
        {
            var x = q.Dequeue();
            if (dist[x] > dist[best] || (dist[x] == dist[best] && _ranks[x] < _ranks[best])) best = x;
            foreach (var n in _m.Neighbors(x))
                if (dist.TryAdd(n, dist[x] + 1)) q.Enqueue(n);
        }
        return best;
    }

    private void Expand(int a)
    {
        var children = new List<int>();
        var placedNbrs = new List<int>();
        foreach (var n in _m.Neighbors(a))
        {
            if (_placed[n]) placedNbrs.Add(n);
            else if (!children.Contains(n)) children.Add(n);
        }
        if (children.Count == 0) return;
        var sizes = new Dictionary<int, int>();
        foreach (var c in children) sizes[c] = BranchSize(c, a);
        children.Sort((x, y) => sizes[x] != sizes[y] ? sizes[y].CompareTo(sizes[x]) : _ranks[x].CompareTo(_ranks[y]));
        var slots = Slots(a, placedNbrs, children.Count);
        var chosen = AssignSlots(a, children, slots);
        for (var i = 0; i < children.Count; i++)
        {
            var c = children[i];
            var target = Pos[a] + Point2.FromAngle(chosen[i], _bond);
            var s = _systemOf[c];
            if (s >= 0 && !_systemDone[s])
            {
                foreach (var x in PlaceSystem(s, c, a, target)) _queue.Enqueue(x);
            }
            else if (!_placed[c])
            {
                Pos[c] = target;
                _placed[c] = true;
                _queue.Enqueue(c);
            }
        }
    }

    /// <summary>Unplaced atoms reachable from <paramref name="child"/> without passing <paramref name="from"/>.</summary>
    private int BranchSize(int child, int from)
    {
        var stamp = ++_markStamp;
        _mark[from] = stamp;
        _mark[child] = stamp;
        var stack = new Stack<int>();
        stack.Push(child);
        var n = 0;
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            n++;
            foreach (var y in _m.Neighbors(x))
                if (!_placed[y] && _mark[y] != stamp) { _mark[y] = stamp; stack.Push(y); }
        }
        return n;
    }

    /// <summary>Whether the atom's neighbours lie on a line (triple bond, cumulated double bonds).</summary>
    private bool IsLinear(int a)
    {
        if (_m.Degree(a) != 2) return false;
        var doubles = 0;
        foreach (var bi in _m.BondsOf(a))
        {
            var b = _m.Bonds[bi];
            if (b.Order == BondOrder.Triple && !b.IsAromatic) return true;
            if (b.Order == BondOrder.Double && !b.IsAromatic) doubles++;
        }
        return doubles == 2;
    }

    /// <summary>Candidate directions (radians) for the children of <paramref name="a"/>, best first;
    /// at least <paramref name="k"/> of them.</summary>
    private List<double> Slots(int a, List<int> placedNbrs, int k)
    {
        var slots = new List<double>();
        var p = placedNbrs.Count;
        if (p == 0)
        {
            if (IsLinear(a) && k == 2) { slots.Add(-Math.PI / 6); slots.Add(5 * Math.PI / 6); return slots; }
            var start = k <= 3 ? -Math.PI / 6 : 0;
            for (var i = 0; i < k; i++) slots.Add(start + i * 2 * Math.PI / k);
            return slots;
        }
        if (p == 1)
        {
            var parent = placedNbrs[0];
            var din = (Pos[parent] - Pos[a]).Angle;
            var d = 1 + k;
            if (IsLinear(a)) { slots.Add(din + Math.PI); return slots; }
            if (d <= 3) { slots.Add(din + 2 * Math.PI / 3); slots.Add(din - 2 * Math.PI / 3); }
            else if (d == 4) { slots.Add(din + Math.PI / 2); slots.Add(din + Math.PI); slots.Add(din + 3 * Math.PI / 2); }
            else for (var i = 1; i < d; i++) slots.Add(din + i * 2 * Math.PI / d);
            // Zig-zag: prefer directions away from the grandparents (a trans continuation).
            var grand = new List<Point2>();
            foreach (var g in _m.Neighbors(parent)) if (g != a && _placed[g]) grand.Add(Pos[g]);
            var at = Pos[a];
            var bond = _bond;
            double Score(double ang)
            {
                var pt = at + Point2.FromAngle(ang, bond);
                var s = 0.0;
                foreach (var g in grand) s += (pt - g).Length;
                return s;
            }
            var scored = new List<(double Angle, double Score, double Cos, double Sin)>();
            foreach (var s in slots) scored.Add((s, Math.Round(Score(s), 6), Math.Round(Math.Cos(s), 6), Math.Round(Math.Sin(s), 6)));
            scored.Sort((x, y) => x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Cos != y.Cos ? y.Cos.CompareTo(x.Cos) : y.Sin.CompareTo(x.Sin));
            slots.Clear();
            foreach (var s in scored) slots.Add(s.Angle);
            return slots;
        }
        var (gs, gw) = OpenGap(a, placedNbrs);
        for (var i = 0; i < k; i++) slots.Add(gs + gw * (i + 1) / (k + 1));
        return slots;
    }

    /// <summary>The widest sector between placed neighbours that is not the inside of a ring through
    /// <paramref name="a"/> (a fully surrounded fusion atom must not put its substituent into a ring).</summary>
    private (double Start, double Gap) OpenGap(int a, List<int> placedNbrs)
    {
        var dirs = new List<(double Angle, int Atom)>();
        foreach (var n in placedNbrs) dirs.Add(((Pos[n] - Pos[a]).Angle, n));
        dirs.Sort((x, y) => x.Angle.CompareTo(y.Angle));
        double bestStart = 0, bestGap = -1;
        var bestOpen = false;
        for (var i = 0; i < dirs.Count; i++)
        {
            var (a1, n1) = dirs[i];
            var (a2, n2) = dirs[(i + 1) % dirs.Count];
            var gap = a2 - a1;
            if (gap <= 1e-9) gap += 2 * Math.PI;
            var open = !ShareRing(a, n1, n2);
            if ((open && !bestOpen) || (open == bestOpen && gap > bestGap + 1e-9))
            {
                bestStart = a1; bestGap = gap; bestOpen = open;
            }
        }
        return (bestStart, bestGap);
    }

    /// <summary>Whether some ring contains all three atoms.</summary>
    private bool ShareRing(int a, int b, int c)
    {
        var s = _systemOf[a];
        if (s < 0 || _systemOf[b] != s || _systemOf[c] != s) return false;
        foreach (var ring in _systems[s])
            if (Array.IndexOf(ring, a) >= 0 && Array.IndexOf(ring, b) >= 0 && Array.IndexOf(ring, c) >= 0) return true;
        return false;
    }

    /// <summary>Chooses a slot per child: the preferred order unless a cis/trans double bond at
    /// <paramref name="a"/> needs another arrangement.</summary>
    private double[] AssignSlots(int a, List<int> children, List<double> slots)
    {
        var k = children.Count;
        var chosen = new double[k];
        for (var i = 0; i < k; i++) chosen[i] = slots[i];
        var constrained = false;
        foreach (var bi in _m.BondsOf(a))
            if (_stereo[bi] is not null) { constrained = true; break; }
        if (!constrained || slots.Count > 4) return chosen;
        var best = (int[]?)null;
        var bestViolations = int.MaxValue;
        foreach (var perm in Arrangements(slots.Count, k))
        {
            for (var i = 0; i < k; i++)
            {
                Pos[children[i]] = Pos[a] + Point2.FromAngle(slots[perm[i]], _bond);
                _placed[children[i]] = true;
            }
            var v = StereoViolations(a);
            foreach (var c in children) _placed[c] = false;
            if (v < bestViolations) { bestViolations = v; best = perm; }
            if (v == 0) break;
        }
        if (best is not null)
            for (var i = 0; i < k; i++) chosen[i] = slots[best[i]];
        return chosen;
    }

    /// <summary>Ordered choices of k slots out of n (n ≤ 4), in preference order.</summary>
    private static IEnumerable<int[]> Arrangements(int n, int k)
    {
        var current = new int[k];
        var used = new bool[n];
        return Recurse(0);

        IEnumerable<int[]> Recurse(int depth)
        {
            if (depth == k) { yield return (int[])current.Clone(); yield break; }
            for (var i = 0; i < n; i++)
            {
                if (used[i]) continue;
                used[i] = true;
                current[depth] = i;
                foreach (var r in Recurse(depth + 1)) yield return r;
                used[i] = false;
            }
        }
    }

    /// <summary>Stereo double bonds at <paramref name="a"/> whose drawn geometry (as far as placed)
    /// contradicts the molecule.</summary>
    private int StereoViolations(int a)
    {
        var v = 0;
        foreach (var bi in _m.BondsOf(a))
            if (StereoHolds(bi) == false) v++;
        return v;
    }

    /// <summary>Whether a cis/trans double bond is drawn as specified; null when not decidable yet.</summary>
    internal bool? StereoHolds(int bi) => StereoCheck.Holds(_m, _stereo, bi, Pos, _placed);

    /// <summary>Lays out ring system <paramref name="s"/> and, when attached through <paramref name="c"/>
    /// to the placed atom <paramref name="a"/>, moves it so <paramref name="c"/> sits at
    /// <paramref name="target"/> with its free side facing <paramref name="a"/>.</summary>
    private List<int> PlaceSystem(int s, int c, int a, Point2 target)
    {
        _systemDone[s] = true;
        var atoms = RingSystemLayout.Layout(_systems[s], _ranks, Pos, _placed, _bond);
        CrankTransRingBonds(atoms);
        if (c < 0) return atoms;
        var local = new Point2[atoms.Count];
        for (var i = 0; i < atoms.Count; i++) local[i] = Pos[atoms[i]] - Pos[c];
        var angles = new List<double>();
        foreach (var n in _m.Neighbors(c))
            if (_systemOf[n] == s && _placed[n]) angles.Add((Pos[n] - Pos[c]).Angle);
        var exit = Geometry.LargestGapBisector(angles);
        var want = (Pos[a] - target).Angle;
        var bestScore = double.MaxValue;
        var bestMirror = false;
        foreach (var mirror in (ReadOnlySpan<bool>)[false, true])
        {
            Transform(atoms, local, target, mirror ? want + exit : want - exit, mirror);
            var score = StereoViolationsAround(atoms, a) * 1000.0 + Crowding(atoms);
            if (score < bestScore - 1e-9) { bestScore = score; bestMirror = mirror; }
        }
        Transform(atoms, local, target, bestMirror ? want + exit : want - exit, bestMirror);
        // c first, so its substituents are placed before its ring neighbours' ones.
        atoms.Remove(c);
        atoms.Insert(0, c);
        return atoms;
    }

    /// <summary>A polygon draws every ring double bond cis. For a trans one in a large ring, move its two
    /// atoms into a zig-zag between their fixed ring neighbours x and y: centrosymmetric about the middle of
    /// x–y, which puts x and y on opposite sides of the bond while keeping all three bonds one bond long.</summary>
    private void CrankTransRingBonds(List<int> atoms)
    {
        foreach (var a in atoms)
            foreach (var bi in _m.BondsOf(a))
            {
                var bond = _m.Bonds[bi];
                if (_stereo[bi] is null || bond.Begin != a || !_placed[bond.End] || StereoHolds(bi) != false) continue;
                var b = bond.End;
                if (_systemOf[a] < 0 || _systemOf[b] != _systemOf[a]) continue;
                var x = RingNeighbourOnly(a, b);
                var y = RingNeighbourOnly(b, a);
                if (x < 0 || y < 0 || x == y) continue;
                var mid = (Pos[x] + Pos[y]) * 0.5;
                var w = (Pos[y] - Pos[x]) * 0.5;
                var wl = w.Length;
                var h = _bond / 2;
                if (wl < _bond * 0.5 + 1e-6 || wl > _bond * 1.5 - 1e-6) continue;
                // v: |v| = L/2 and |v + w| = L (a = mid + v sits one bond from x = mid - w).
                var along = (_bond * _bond - h * h - wl * wl) / (2 * wl);
                var perp2 = h * h - along * along;
                if (perp2 < 0) continue;
                var uw = w * (1 / wl);
                var un = new Point2(-uw.Y, uw.X);
                var oldA = Pos[a];
                var oldB = Pos[b];
                var before = SystemStereoViolations(atoms);
                var best = double.MaxValue;
                Point2 bestA = oldA, bestB = oldB;
                foreach (var sign in (ReadOnlySpan<double>)[1.0, -1.0])
                {
                    var v = uw * along + un * (sign * Math.Sqrt(perp2));
                    var na = mid + v;
                    var nb = mid - v;
                    var move = (na - oldA).Length + (nb - oldB).Length;
                    if (move < best) { best = move; bestA = na; bestB = nb; }
                }
                Pos[a] = bestA;
                Pos[b] = bestB;
                if (SystemStereoViolations(atoms) >= before) { Pos[a] = oldA; Pos[b] = oldB; }
            }
    }

    /// <summary>The one ring neighbour of <paramref name="atom"/> other than <paramref name="exclude"/>, when
    /// the atom lies in a single ring (so moving it disturbs no other ring); else -1.</summary>
    private int RingNeighbourOnly(int atom, int exclude)
    {
        var s = _systemOf[atom];
        var inRings = 0;
        foreach (var ring in _systems[s])
            if (Array.IndexOf(ring, atom) >= 0) inRings++;
        if (inRings != 1) return -1;
        var found = -1;
        foreach (var n in _m.Neighbors(atom))
        {
            if (n == exclude || _systemOf[n] != s || !_placed[n]) continue;
            if (found >= 0) return -1;
            found = n;
        }
        return found;
    }

    private int SystemStereoViolations(List<int> atoms)
    {
        var v = 0;
        foreach (var a in atoms)
            foreach (var bi in _m.BondsOf(a))
                if (_m.Bonds[bi].Begin == a && StereoHolds(bi) == false) v++;
        return v;
    }

    private void Transform(List<int> atoms, Point2[] local, Point2 target, double rotation, bool mirror)
    {
        var cos = Math.Cos(rotation);
        var sin = Math.Sin(rotation);
        for (var i = 0; i < atoms.Count; i++)
        {
            var p = local[i];
            if (mirror) p = new Point2(p.X, -p.Y);
            Pos[atoms[i]] = target + new Point2(p.X * cos - p.Y * sin, p.X * sin + p.Y * cos);
        }
    }

    private int StereoViolationsAround(List<int> atoms, int a)
    {
        var v = StereoViolations(a);
        foreach (var x in atoms)
            foreach (var bi in _m.BondsOf(x))
            {
                var other = _m.Bonds[bi].Other(x);
                if (_systemOf[other] == _systemOf[x]) continue; // inside the system: fixed by the rings
                if (StereoHolds(bi) == false) v++;
            }
        return v;
    }

    /// <summary>How much the system's atoms crowd atoms placed before it.</summary>
    private double Crowding(List<int> atoms)
    {
        var stamp = ++_markStamp;
        foreach (var x in atoms) _mark[x] = stamp;
        var crowd = 0.0;
        var limit = _bond * 1.2;
        for (var o = 0; o < _m.AtomCount; o++)
        {
            if (!_placed[o] || _mark[o] == stamp) continue;
            foreach (var x in atoms)
            {
                var d = (Pos[o] - Pos[x]).Length;
                if (d < limit) crowd += limit - d;
            }
        }
        return crowd;
    }
}
