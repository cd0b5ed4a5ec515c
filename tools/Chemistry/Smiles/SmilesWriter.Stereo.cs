using Sieve.Chemistry.Canonical;

namespace Sieve.Chemistry.Smiles;

/// <summary>Stereo marks for a finished traversal: @/@@ recomputed for the written neighbour order, and
/// / \ chosen afresh so every written stereo double bond reads back with its configuration.</summary>
internal static class SmilesStereo
{
    /// <summary>"@", "@@" or "" for <paramref name="atom"/>, given its parity relative to the molecule's bond
    /// order (implicit H last) and the order its bonds were written in.</summary>
    public static string Chirality(Molecule m, int atom, byte parity, List<int> writtenBonds, bool isFirstInComponent)
    {
        if (parity == 0) return "";
        var degree = m.Degree(atom);
        var hasH = degree == 3 && m.Atoms[atom].TotalHydrogens == 1;
        var n = degree + (hasH ? 1 : 0);
        if (n != 4 && n != 3) return "";
        Span<int> reference = stackalloc int[n];
        Span<int> written = stackalloc int[n];
        var k = 0;
        foreach (var nb in m.Neighbors(atom)) reference[k++] = nb;
        if (hasH) reference[k] = -1;
        k = 0;
        var hPlaced = !hasH;
        if (!hPlaced && isFirstInComponent) { written[k++] = -1; hPlaced = true; }
        foreach (var b in writtenBonds)
        {
            written[k++] = m.Bonds[b].Other(atom);
            if (!hPlaced) { written[k++] = -1; hPlaced = true; } // an H written in the bracket follows the from-atom
        }
        if (k != n) return "";
        var tag = Permutation.IsOdd(reference, written) ? StereoPerception.Flip(parity) : parity;
        return tag == StereoPerception.CounterClockwise ? "@" : "@@";
    }

    /// <summary>Chooses which single bonds carry / or \ and which character each gets. Returns per bond
    /// '/', '\' or 0.</summary>
    public static char[] BondDirections(Molecule m, List<Token> tokens, DoubleBondStereo?[] stereo)
    {
        var dirs = new char[m.BondCount];
        var position = new int[m.BondCount];
        var left = new int[m.BondCount];
        Array.Fill(position, -1);
        var doubles = new List<int>();
        for (var t = 0; t < tokens.Count; t++)
        {
            if (tokens[t].Kind != TokenKind.Bond) continue;
            var b = tokens[t].Value;
            position[b] = t;
            left[b] = tokens[t].From;
            if (stereo[b] is not null) doubles.Add(b);
        }
        if (doubles.Count == 0) return dirs;

        var endOf = new Dictionary<int, int>();
        foreach (var d in doubles)
        {
            endOf[m.Bonds[d].Begin] = d;
            endOf[m.Bonds[d].End] = d;
        }
        var carrier = new bool[m.BondCount];
        foreach (var d in doubles)
        {
            var db = m.Bonds[d];
            foreach (var end in (ReadOnlySpan<int>)[db.Begin, db.End])
            {
                var has = false;
                foreach (var bi in m.BondsOf(end))
                    if (bi != d && carrier[bi]) { has = true; break; }
                if (has) continue;
                var best = -1;
                var bestShared = false;
                foreach (var bi in m.BondsOf(end))
                {
                    if (bi == d || !CanCarry(m.Bonds[bi]) || position[bi] < 0) continue;
                    var other = m.Bonds[bi].Other(end);
                    var shared = endOf.TryGetValue(other, out var od) && od != d;
                    if (best < 0 || (shared && !bestShared) || (shared == bestShared && position[bi] < position[best]))
                    {
                        best = bi;
                        bestShared = shared;
                    }
                }
                if (best >= 0) carrier[best] = true;
            }
        }

        // XOR constraints between carrier characters (nodes 0..B-1) and a free orientation per double
        // bond (nodes B + d): v(carrier) ^ g(double) = side ^ [carrier written from the double-bond atom].
        var uf = new ParityUnionFind(m.BondCount * 2);
        for (var c = 0; c < m.BondCount; c++)
        {
            if (!carrier[c]) continue;
            var cb = m.Bonds[c];
            foreach (var e in (ReadOnlySpan<int>)[cb.Begin, cb.End])
            {
                if (!endOf.TryGetValue(e, out var d) || d == c) continue;
                var st = stereo[d]!.Value;
                var db = m.Bonds[d];
                var x = cb.Other(e);
                var side = Side(st, db, e, x);
                var flip = left[c] == e;
                uf.Union(c, m.BondCount + d, side ^ flip);
            }
        }
        // Orientation of each coupled system, as RDKit fixes it: at the first stereo double bond written,
        // the end written first sees its carrier neighbour "up" (written X/A, or A\X when X follows).
        var atomPosition = new int[m.AtomCount];
        for (var t = 0; t < tokens.Count; t++)
            if (tokens[t].Kind == TokenKind.Atom) atomPosition[tokens[t].Value] = t;
        var rootValue = new Dictionary<int, bool>();
        foreach (var d in doubles)
        {
            var (root, parity) = uf.Find(m.BondCount + d);
            if (rootValue.ContainsKey(root)) continue;
            var db = m.Bonds[d];
            var first = atomPosition[db.Begin] <= atomPosition[db.End] ? db.Begin : db.End;
            var c = -1;
            // RDKit's reference is the end's first-written bond, even when a later one carries the mark
            foreach (var bi in m.BondsOf(first))
                if (bi != d && position[bi] >= 0 && (c < 0 || position[bi] < position[c])) c = bi;
            if (c < 0) continue;
            var g = true ^ Side(stereo[d]!.Value, db, first, m.Bonds[c].Other(first));
            rootValue[root] = g ^ parity;
        }
        for (var t = 0; t < tokens.Count; t++)
        {
            if (tokens[t].Kind != TokenKind.Bond) continue;
            var c = tokens[t].Value;
            if (!carrier[c]) continue;
            var (root, parity) = uf.Find(c);
            if (!rootValue.TryGetValue(root, out var rv))
            {
                rv = true ^ parity;
                rootValue[root] = rv;
            }
            dirs[c] = (rv ^ parity) ? '/' : '\\';
        }
        return dirs;
    }

    /// <summary>Which side of double bond <paramref name="db"/> neighbour <paramref name="x"/> of end
    /// <paramref name="e"/> is on, relative to the configuration's own reference (RefBegin: false).</summary>
    private static bool Side(DoubleBondStereo st, Bond db, int e, int x) =>
        e == db.Begin ? x != st.RefBegin : (x == st.RefEnd ? !st.Cis : st.Cis);

    private static bool CanCarry(Bond b) => b.Order == BondOrder.Single || b.Order == BondOrder.Aromatic || b.IsAromatic;
}

/// <summary>Union-find where each element stores its parity relative to its root.</summary>
internal sealed class ParityUnionFind
{
    private readonly int[] _parent;
    private readonly bool[] _parity;

    public ParityUnionFind(int n)
    {
        _parent = new int[n];
        _parity = new bool[n];
        for (var i = 0; i < n; i++) _parent[i] = i;
    }

    public (int Root, bool Parity) Find(int x)
    {
        var parity = false;
        var r = x;
        while (_parent[r] != r) { parity ^= _parity[r]; r = _parent[r]; }
        // compress
        var p = parity;
        while (_parent[x] != x)
        {
            var next = _parent[x];
            var px = _parity[x];
            _parent[x] = r;
            _parity[x] = p;
            p ^= px;
            x = next;
        }
        return (r, parity);
    }

    /// <summary>Records value(a) ^ value(b) == <paramref name="diff"/>; false when that contradicts what is known.</summary>
    public bool Union(int a, int b, bool diff)
    {
        var (ra, pa) = Find(a);
        var (rb, pb) = Find(b);
        if (ra == rb) return (pa ^ pb) == diff;
        _parent[ra] = rb;
        _parity[ra] = pa ^ pb ^ diff;
        return true;
    }
}
