using System.Numerics;

namespace Sieve.Chemistry.Fingerprints;

/// <summary>A fixed-length bit vector fingerprint (RDKit's ExplicitBitVect).</summary>
public sealed class Fingerprint : IEquatable<Fingerprint>
{
    private readonly ulong[] _words;

    public Fingerprint(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Length = length;
        _words = new ulong[(length + 63) >> 6];
    }

    /// <summary>Number of bits.</summary>
    public int Length { get; }

    public bool this[int bit] => (_words[CheckedWord(bit)] & (1UL << (bit & 63))) != 0;

    internal void Set(int bit) => _words[CheckedWord(bit)] |= 1UL << (bit & 63);

    private int CheckedWord(int bit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bit, Length);
        return bit >> 6;
    }

    /// <summary>Number of bits set.</summary>
    public int Count
    {
        get
        {
            var n = 0;
            foreach (var w in _words) n += BitOperations.PopCount(w);
            return n;
        }
    }

    /// <summary>The set bits in ascending order (RDKit's <c>GetOnBits</c>).</summary>
    public int[] OnBits()
    {
        var result = new int[Count];
        var k = 0;
        for (var i = 0; i < _words.Length; i++)
        {
            var w = _words[i];
            while (w != 0)
            {
                result[k++] = (i << 6) + BitOperations.TrailingZeroCount(w);
                w &= w - 1;
            }
        }
        return result;
    }

    /// <summary>Tanimoto (Jaccard) similarity |a∧b| / |a∨b|; 0 when both are empty, as RDKit.</summary>
    public static double Tanimoto(Fingerprint a, Fingerprint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != b.Length)
            throw new ArgumentException($"fingerprints differ in length ({a.Length} vs {b.Length})", nameof(b));
        int both = 0, either = 0;
        for (var i = 0; i < a._words.Length; i++)
        {
            both += BitOperations.PopCount(a._words[i] & b._words[i]);
            either += BitOperations.PopCount(a._words[i] | b._words[i]);
        }
        return either == 0 ? 0.0 : (double)both / either;
    }

    public bool Equals(Fingerprint? other) =>
        other is not null && other.Length == Length && other._words.AsSpan().SequenceEqual(_words);

    public override bool Equals(object? obj) => Equals(obj as Fingerprint);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Length);
        foreach (var w in _words) h.Add(w);
        return h.ToHashCode();
    }
}
