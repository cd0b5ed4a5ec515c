namespace Sieve.Chemistry.Canonical;

/// <summary>Partition refinement after Schneider, Sayle and Landrum (2015), as RDKit's canonical ranking
/// does it: atoms sit in an ordered partition; a class's number is the position of its first member;
/// a class is re-sorted when a neighbouring class splits, until nothing changes; then ties are broken
/// one atom at a time, refining after each. Comparisons use precomputed keys so the loop allocates nothing.</summary>
internal sealed class Refiner
{
    private readonly ComponentGraph _g;
    private readonly int _n;
    public readonly int[] Index;       // class number per atom
    private readonly int[] _order;     // atoms in class order
    private readonly int[] _count;     // class size at the class's first member, 0 elsewhere
    private readonly int[] _next;      // linked list of classes waiting to be refined (-2: not waiting)
    private readonly long[] _nbrKeys;  // per neighbour entry: bond type, stereo, neighbour class; sorted descending per atom
    private readonly int[] _chiralRank;
    private readonly int[] _swapCodes; // per neighbour entry, special-chirality codes (sorted by class, code)
    private readonly long[] _swapKeys;
    private readonly bool[] _touched;
    private readonly bool[] _changed;  // neighbourhood changed since the atom's class was last sorted
    private readonly List<int> _sub = [];
    private readonly List<int> _rest = [];
    private readonly List<int> _touchedList = [];
    private int _active = -1;
    private bool _useStereo;
    private bool _special;

    public Refiner(ComponentGraph g)
    {
        _g = g;
        _n = g.N;
        Index = new int[_n];
        _order = new int[_n];
        _count = new int[_n];
        _next = new int[_n];
        _nbrKeys = new long[g.Nbr.Length];
        _chiralRank = new int[_n];
        _swapCodes = new int[g.Nbr.Length];
        _swapKeys = new long[g.Nbr.Length];
        _touched = new bool[_n];
        _changed = new bool[_n];
    }

    /// <summary>Ranks without tie breaking and without stereo: the symmetry classes used to decide
    /// which stereo marks are real.</summary>
    public int[] SymmetryClasses()
    {
        _useStereo = false;
        Run(breakTies: false);
        return (int[])Index.Clone();
    }

    /// <summary>Full canonical ranking: 0..N-1, stereo included.</summary>
    public int[] CanonicalRanks(bool useStereo)
    {
        _useStereo = useStereo;
        Run(breakTies: true);
        return (int[])Index.Clone();
    }

    private void Run(bool breakTies)
    {
        for (var i = 0; i < _n; i++)
        {
            Index[i] = 0;
            _order[i] = i;
            _count[i] = 0;
        }
        if (_n == 0) return;
        _count[0] = _n;
        _special = false;
        Array.Fill(_changed, true);
        Activate();
        Refine();
        if (_useStereo && HasTies())
        {
            _special = true;
            Array.Fill(_changed, true);
            Activate();
            Refine();
            _special = false;
        }
        if (breakTies) BreakTies();
    }

    private bool HasTies()
    {
        for (var i = 0; i < _n; i++)
            if (_count[i] == 0) return true;
        return false;
    }

    private void Activate()
    {
        _active = -1;
        Array.Fill(_next, -2);
        var i = 0;
        while (i < _n)
        {
            var j = _order[i];
            if (_count[j] > 1)
            {
                _next[j] = _active;
                _active = j;
                i += _count[j];
            }
            else i++;
        }
    }

    private void Refine()
    {
        while (_active != -1)
        {
            var partition = _active;
            _active = _next[partition];
            _next[partition] = -2;
            var len = _count[partition];
            var offset = Index[partition];
            var span = _order.AsSpan(offset, len);
            SortPartition(span);
            var symclass = offset;
            for (var k = _count[span[0]]; k < len; k++)
            {
                var a = span[k];
                if (_count[a] != 0) symclass = offset + k;
                Index[a] = symclass;
            }
            // Every class next to an atom that moved may split now.
            _touchedList.Clear();
            for (var k = _count[span[0]]; k < len; k++)
            {
                var a = span[k];
                for (var e = _g.Start[a]; e < _g.Start[a + 1]; e++)
                {
                    var nb = _g.Nbr[e];
                    _changed[nb] = true;
                    var c = Index[nb];
                    if (!_touched[c]) { _touched[c] = true; _touchedList.Add(c); }
                }
            }
            QueueTouched();
        }
    }

    /// <summary>Sorts one class and records the sub-classes (<see cref="_count"/>). Only members whose
    /// neighbourhood changed since the class was last sorted can differ; the unchanged ones are all equal,
    /// so one of them stands for the rest — on a long chain this keeps each round linear.</summary>
    private void SortPartition(Span<int> span)
    {
        var len = span.Length;
        _sub.Clear();
        _rest.Clear();
        foreach (var a in span) (_changed[a] ? _sub : _rest).Add(a);
        if (_sub.Count == 0)
        {
            _count[span[0]] = len;
            for (var k = 1; k < len; k++) _count[span[k]] = 0;
            return;
        }
        var rep = -1;
        if (_rest.Count > 0)
        {
            rep = _rest[0];
            _sub.Add(rep);
        }
        var sub = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_sub);
        foreach (var a in sub) Prepare(a);
        if (sub.Length == 2)
        {
            if (Compare(sub[0], sub[1]) > 0) (sub[0], sub[1]) = (sub[1], sub[0]);
        }
        else if (sub.Length > 2)
        {
            sub.Sort(new AtomComparer(this));
        }
        // Write back with the unchanged block right after its representative; group equal neighbours
        // into classes (a class keeps the position of its first member).
        var w = 0;
        var first = 0;
        for (var k = 0; k < sub.Length; k++)
        {
            if (k > 0 && Compare(sub[k - 1], sub[k]) != 0)
            {
                CloseGroup(span, first, w);
                first = w;
            }
            span[w++] = sub[k];
            if (sub[k] == rep)
                for (var r = 1; r < _rest.Count; r++) span[w++] = _rest[r];
        }
        CloseGroup(span, first, w);
        foreach (var a in span) _changed[a] = false;
    }

    private void CloseGroup(Span<int> span, int first, int end)
    {
        _count[span[first]] = end - first;
        for (var t = first + 1; t < end; t++) _count[span[t]] = 0;
    }

    /// <summary>Queues touched classes in ascending class order (RDKit's order: it decides which
    /// split happens first, and so the final numbering).</summary>
    private void QueueTouched()
    {
        if (_touchedList.Count > 1) _touchedList.Sort();
        foreach (var c in _touchedList)
        {
            _touched[c] = false;
            var p = _order[c];
            if (_count[p] > 1 && _next[p] == -2)
            {
                _next[p] = _active;
                _active = p;
            }
        }
        _touchedList.Clear();
    }

    private void BreakTies()
    {
        for (var i = 0; i < _n; i++)
        {
            var partition = _order[i];
            var oldPart = Index[partition];
            while (_count[partition] > 1)
            {
                var len = _count[partition];
                var offset = Index[partition] + len - 1;
                var index = _order[offset];
                Index[index] = offset;
                _count[partition] = len - 1;
                _count[index] = 1;
                if (_g.Degree(index) < 1) continue;
                _touchedList.Clear();
                for (var e = _g.Start[index]; e < _g.Start[index + 1]; e++)
                {
                    _changed[_g.Nbr[e]] = true;
                    var c = Index[_g.Nbr[e]];
                    if (!_touched[c]) { _touched[c] = true; _touchedList.Add(c); }
                }
                QueueTouched();
                Refine();
            }
            if (Index[partition] != oldPart) i--;
        }
    }

    /// <summary>Recomputes the comparison data of one atom from the current classes.</summary>
    private void Prepare(int a)
    {
        int s = _g.Start[a], t = _g.Start[a + 1];
        for (var e = s; e < t; e++)
        {
            long stereo = _useStereo ? _g.BondStereo[e] : 0;
            _nbrKeys[e] = ((long)_g.BondType[e] << 48) | (stereo << 40) | (uint)Index[_g.Nbr[e]];
        }
        SortDescending(_nbrKeys, s, t);
        if (_useStereo && _g.Parity[a] != 0) _chiralRank[a] = ChiralRank(a);
        if (_special) PrepareSwaps(a);
    }

    private static void SortDescending(long[] keys, int s, int t)
    {
        for (var i = s + 1; i < t; i++)
        {
            var v = keys[i];
            var j = i - 1;
            while (j >= s && keys[j] < v) { keys[j + 1] = keys[j]; j--; }
            keys[j + 1] = v;
        }
    }

    /// <summary>1 or 2: the atom's parity expressed against its neighbours sorted by class; 0 while two
    /// neighbours still share a class.</summary>
    private int ChiralRank(int a)
    {
        int s = _g.Start[a], t = _g.Start[a + 1];
        var swaps = 0;
        for (var i = s; i < t; i++)
        {
            var ci = Index[_g.Nbr[i]];
            for (var j = i + 1; j < t; j++)
            {
                var cj = Index[_g.Nbr[j]];
                if (ci == cj) return 0;
                if (ci > cj) swaps++;
            }
        }
        var res = _g.Parity[a] == StereoPerception.Clockwise ? 2 : 1;
        if ((swaps & 1) == 1) res = res == 2 ? 1 : 2;
        return res;
    }

    /// <summary>RDKit's special chirality invariant: for a ring atom, how each chiral neighbour's parity
    /// looks when this atom is put first among that neighbour's neighbours. Splits ring atoms that are
    /// equivalent by graph but not by stereo (cis/trans-1,4-disubstituted rings).</summary>
    private void PrepareSwaps(int a)
    {
        int s = _g.Start[a], t = _g.Start[a + 1];
        var ring = _g.RingAtom[a];
        for (var e = s; e < t; e++)
        {
            var nb = _g.Nbr[e];
            long code = 0;
            if (ring && _g.Parity[nb] != 0)
            {
                // probe = [a, nb's other neighbours by class descending]; parity against nb's own order.
                var odd = ProbeParity(nb, a);
                code = _g.Parity[nb] == StereoPerception.Clockwise ? (odd ? 2 : 1) : (odd ? 1 : 2);
            }
            _swapKeys[e] = ((long)(uint)Index[nb] << 8) | code;
        }
        // sort ascending by (class, code)
        for (var i = s + 1; i < t; i++)
        {
            var v = _swapKeys[i];
            var j = i - 1;
            while (j >= s && _swapKeys[j] > v) { _swapKeys[j + 1] = _swapKeys[j]; j--; }
            _swapKeys[j + 1] = v;
        }
        for (var e = s; e < t; e++) _swapCodes[e] = (int)(_swapKeys[e] & 0xFF);
    }

    private bool ProbeParity(int center, int first)
    {
        int s = _g.Start[center], t = _g.Start[center + 1];
        var d = t - s;
        Span<int> reference = stackalloc int[d];
        Span<int> probe = stackalloc int[d];
        for (var i = 0; i < d; i++) reference[i] = _g.Nbr[s + i];
        probe[0] = first;
        var k = 1;
        // others ordered by class, highest first (RDKit's sorted bond list order)
        Span<int> others = stackalloc int[d];
        var m = 0;
        for (var i = 0; i < d; i++) if (reference[i] != first) others[m++] = reference[i];
        for (var i = 1; i < m; i++)
        {
            var v = others[i];
            var j = i - 1;
            while (j >= 0 && Index[others[j]] < Index[v]) { others[j + 1] = others[j]; j--; }
            others[j + 1] = v;
        }
        for (var i = 0; i < m && k < d; i++) probe[k++] = others[i];
        if (k != d) return false;
        return Permutation.IsOdd(reference, probe);
    }

    private int Compare(int i, int j)
    {
        if (!_special)
        {
            var c = Index[i].CompareTo(Index[j]);
            if (c != 0) return c;
            c = _g.BaseKey[i].CompareTo(_g.BaseKey[j]);
            if (c != 0) return c;
            c = _g.MarkushKey[i].CompareTo(_g.MarkushKey[j]);
            if (c != 0) return c;
            if (_useStereo && _g.Parity[i] != 0)
            {
                c = _chiralRank[i].CompareTo(_chiralRank[j]);
                if (c != 0) return c;
            }
        }
        int si = _g.Start[i], ti = _g.Start[i + 1], sj = _g.Start[j], tj = _g.Start[j + 1];
        for (int a = si, b = sj; a < ti && b < tj; a++, b++)
        {
            // sorted descending, compared as RDKit's bondholder: bond type, stereo, neighbour class
            var c = _nbrKeys[a].CompareTo(_nbrKeys[b]);
            if (c != 0) return c;
        }
        if (_special)
        {
            for (int a = si, b = sj; a < ti && b < tj; a++, b++)
            {
                var c = _swapCodes[a].CompareTo(_swapCodes[b]);
                if (c != 0) return c;
            }
            return 0;
        }
        return (ti - si).CompareTo(tj - sj);
    }

    private readonly struct AtomComparer(Refiner r) : IComparer<int>
    {
        public int Compare(int x, int y) => r.Compare(x, y);
    }
}

internal static class Permutation
{
    /// <summary>Whether <paramref name="probe"/> is an odd permutation of <paramref name="reference"/> (same elements).</summary>
    public static bool IsOdd(ReadOnlySpan<int> reference, ReadOnlySpan<int> probe)
    {
        var n = reference.Length;
        Span<int> work = stackalloc int[n];
        probe.CopyTo(work);
        var swaps = 0;
        for (var i = 0; i < n; i++)
        {
            if (work[i] == reference[i]) continue;
            var j = i + 1;
            while (j < n && work[j] != reference[i]) j++;
            if (j == n) return false;
            (work[i], work[j]) = (work[j], work[i]);
            swaps++;
        }
        return (swaps & 1) == 1;
    }
}
