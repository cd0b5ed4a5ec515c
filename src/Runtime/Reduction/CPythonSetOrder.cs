namespace Sieve.Runtime.Reduction;

/// <summary>
/// The order in which CPython (3.7 – 3.13) iterates <c>set(values).copy()</c> for non-negative integers below 2⁶¹ − 1
/// (whose hash is the value): the order of the slots of the set's open-addressing table. Rebuilt here so that DART can
/// walk its pivots exactly as the reference does (<c>order=reference</c>): the table starts with 8 slots; a new key
/// goes to the first empty slot among slot <c>hash &amp; mask</c> and, where they fit, the 9 after it (linear probes),
/// then <c>i = (5·i + 1 + perturb) &amp; mask</c> with <c>perturb</c> (initially the hash) shifted right by 5 each round;
/// once fill·5 ≥ mask·3 the table grows to the smallest power of two above 4·used and the keys are reinserted in slot
/// order. <c>copy()</c> (which the reference iterates) starts an empty set sized for 2·used when 5·used ≥ 21, copies
/// the table as is when the sizes agree, and otherwise reinserts the keys in slot order. Checked against python3 in
/// the tests.
/// </summary>
public static class CPythonSetOrder
{
    private const int MinSize = 8, LinearProbes = 9, PerturbShift = 5;

    /// <summary>The iteration order of <c>set(values).copy()</c> (duplicates ignored).</summary>
    public static long[] Of(IEnumerable<long> values) => Slots(Copy(Build(values)));

    private static long[] Slots(long?[] table) => table.Where(k => k is not null).Select(k => k!.Value).ToArray();

    private static long?[] Copy(long?[] other)
    {
        int used = other.Count(k => k is not null);
        int mask = MinSize - 1;
        if (used * 5 < mask * 3) return (long?[])other.Clone();      // no resize: both tables have 8 slots
        var table = Resize([], used * 2);
        if (table.Length == other.Length) return (long?[])other.Clone();
        foreach (var key in other)
            if (key is { } k) Insert(table, k);
        return table;
    }

    private static long?[] Build(IEnumerable<long> values)
    {
        var table = new long?[MinSize];
        int used = 0;
        foreach (var value in values)
        {
            if (value < 0) throw new ArgumentOutOfRangeException(nameof(values), "only non-negative integers are modelled");
            if (Contains(table, value)) continue;
            Insert(table, value);
            used++;
            long mask = table.Length - 1;
            if (used * 5 >= mask * 3)
                table = Resize(table, used > 50000 ? used * 2 : used * 4);
        }
        return table;
    }

    private static bool Contains(long?[] table, long value) => table.Contains(value);

    private static void Insert(long?[] table, long hash)
    {
        ulong mask = (ulong)table.Length - 1, perturb = (ulong)hash, i = (ulong)hash & mask;
        while (true)
        {
            ulong probes = i + LinearProbes <= mask ? (ulong)LinearProbes : 0;
            for (ulong j = 0; j <= probes; j++)
                if (table[i + j] is null)
                {
                    table[i + j] = hash;
                    return;
                }
            perturb >>= PerturbShift;
            i = (i * 5 + 1 + perturb) & mask;
        }
    }

    private static long?[] Resize(long?[] old, int minUsed)
    {
        int size = MinSize;
        while (size <= minUsed) size <<= 1;
        var table = new long?[size];
        foreach (var key in old)
            if (key is { } k) Insert(table, k);
        return table;
    }
}
