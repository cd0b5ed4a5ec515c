namespace Sieve.Chemistry.Depiction;

/// <summary>Cheap, numbering-independent atom ranks for the layout's tie-breaks: atom invariants refined a
/// few times over neighbourhoods (Morgan-style), then sorted. Atoms that stay tied (symmetry) fall back to
/// index order, which cannot change the drawing's shape up to symmetry. Full canonical ranking would also
/// do but costs several times the whole layout.</summary>
internal static class AtomOrder
{
    public static int[] Ranks(Molecule m)
    {
        var n = m.AtomCount;
        var inv = new ulong[n];
        var next = new ulong[n];
        for (var a = 0; a < n; a++)
        {
            var at = m.Atoms[a];
            inv[a] = Mix((ulong)at.Element, (ulong)m.Degree(a), (ulong)(at.Charge + 16), (ulong)at.TotalHydrogens, (ulong)at.Isotope, at.IsAromatic ? 1UL : 0UL);
        }
        for (var round = 0; round < 4; round++)
        {
            for (var a = 0; a < n; a++)
            {
                // Order-independent combination: sum and xor of mixed neighbour values.
                ulong sum = 0, x = 0;
                foreach (var bi in m.BondsOf(a))
                {
                    var b = m.Bonds[bi];
                    var v = Mix(inv[b.Other(a)], (ulong)b.Order, 0, 0, 0, 0);
                    sum += v;
                    x ^= v * 0x9E3779B97F4A7C15UL;
                }
                next[a] = Mix(inv[a], sum, x, 0, 0, 0);
            }
            (inv, next) = (next, inv);
        }
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (p, q) => inv[p] != inv[q] ? inv[p].CompareTo(inv[q]) : p.CompareTo(q));
        var ranks = new int[n];
        for (var i = 0; i < n; i++) ranks[order[i]] = i;
        return ranks;
    }

    private static ulong Mix(ulong a, ulong b, ulong c, ulong d, ulong e, ulong f)
    {
        var h = 0xcbf29ce484222325UL;
        foreach (var v in (ReadOnlySpan<ulong>)[a, b, c, d, e, f])
        {
            h ^= v;
            h *= 0x100000001b3UL;
            h ^= h >> 29;
        }
        return h;
    }
}
