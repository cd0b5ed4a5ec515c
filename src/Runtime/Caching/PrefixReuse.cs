using Sieve.Runtime.Generation;

namespace Sieve.Runtime.Caching;

/// <summary>
/// A prefix cache hit: the first <see cref="Symbols"/> symbols of the request (rows [0, <see cref="Position"/>) of
/// the expanded sequence) are already computed in <see cref="Cache"/>, which the receiver owns and continues.
/// </summary>
/// <param name="FeatureCounts">Rows of each image inside the reused prefix (they are not encoded again).</param>
/// <param name="PrunedExtent">The entry's pruning extent (0: unpruned), which the continued sequence inherits.</param>
public sealed record PrefixReuse(KvCache Cache, int Symbols, long Position, IReadOnlyList<long> FeatureCounts, long PrunedExtent);
