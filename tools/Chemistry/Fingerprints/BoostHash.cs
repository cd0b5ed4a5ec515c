namespace Sieve.Chemistry.Fingerprints;

/// <summary>The 32-bit form of boost's <c>hash_combine</c> that RDKit ships for portable fingerprints.
/// Integers hash to themselves, a pair hashes as a fresh seed combined with both members, a vector as a
/// fresh seed combined with each element in turn. Everything wraps at 32 bits.</summary>
internal static class BoostHash
{
    public static uint Combine(uint seed, uint value) =>
        seed ^ unchecked(value + 0x9e3779b9u + (seed << 6) + (seed >> 2));

    public static uint Pair(int first, uint second) => Combine(Combine(0, unchecked((uint)first)), second);
}
