namespace Sieve.Chemistry.Perception;

/// <summary>Finds a set of aromatic bonds (a matching) that covers every atom that needs a double bond,
/// optionally covering dummy atoms. Each connected aromatic system is solved on its own (so a failure in
/// one cannot make the search retry choices in another): depth-first search, forced moves first.</summary>
internal sealed class KekuleMatcher(Molecule m, bool[] aromaticBond, bool[] need, bool[] optional, int maxSteps)
{
    private readonly bool[] _matched = new bool[m.AtomCount];
    private readonly List<int> _chosen = [];
    private List<int> _component = [];
    private int _steps;

    private bool Eligible(int atom) => (need[atom] || optional[atom]) && !_matched[atom];

    public bool Solve(out List<int> doubleBonds)
    {
        doubleBonds = _chosen;
        var seen = new bool[m.AtomCount];
        var stack = new Stack<int>();
        for (var start = 0; start < m.AtomCount; start++)
        {
            if (seen[start] || !need[start]) continue;
            _component = [];
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var a = stack.Pop();
                _component.Add(a);
                foreach (var b in m.BondsOf(a))
                {
                    if (!aromaticBond[b]) continue;
                    var o = m.Bonds[b].Other(a);
                    if (seen[o] || !(need[o] || optional[o])) continue;
                    seen[o] = true;
                    stack.Push(o);
                }
            }
            _steps = 0;
            if (!Search()) return false;
        }
        return true;
    }

    private bool Search()
    {
        if (++_steps > maxSteps) return false;
        // Pick the unmatched needy atom with the fewest options (forced moves first).
        var best = -1;
        var bestOptions = int.MaxValue;
        foreach (var i in _component)
        {
            if (!need[i] || _matched[i]) continue;
            var options = 0;
            foreach (var b in m.BondsOf(i))
                if (aromaticBond[b] && Eligible(m.Bonds[b].Other(i))) options++;
            if (options == 0) return false;
            if (options < bestOptions) { best = i; bestOptions = options; if (options == 1) break; }
        }
        if (best < 0) return true;
        // Prefer needy partners over optional (dummy) ones.
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var b in m.BondsOf(best))
            {
                if (!aromaticBond[b]) continue;
                var o = m.Bonds[b].Other(best);
                if (!Eligible(o) || need[o] != (pass == 0)) continue;
                _matched[best] = _matched[o] = true;
                _chosen.Add(b);
                if (Search()) return true;
                _chosen.RemoveAt(_chosen.Count - 1);
                _matched[best] = _matched[o] = false;
                if (_steps > maxSteps) return false;
            }
        }
        return false;
    }
}
