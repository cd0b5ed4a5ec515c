using Sieve.Runtime.Generation;
using Sieve.Runtime.Serving;

namespace Sieve.Runtime.Caching;

/// <summary>
/// KV caches of sequences one model already computed, so that a prompt extending (or sharing a prefix with) one of
/// them computes only what is new. Keyed by content, not by session: the sequence's tokens, its images' content
/// hashes and the reducer settings (an opaque canonical string, <see cref="NoReduction"/> without reducers). Holds
/// at most <see cref="MaxBytes"/> of keys and values, evicting the least recently used entry first; 0 disables it.
/// Thread safe. Entries are never modified after they are stored: a hit hands out views of their tensors (see
/// <see cref="KvCache.Prefix"/>), which the next append replaces with new tensors.
/// <para>When reuse is sound (see <see cref="Find"/>): without a decoder reducer every cached row is what a fresh
/// prefill would compute (the model is causal: a row's keys and values depend only on the rows before it), so reuse
/// is exact up to float rounding. A decoder reducer (DART, FastV) prunes once, in the prefill that first saw the
/// images, choosing the kept rows from every row of that prefill — its <em>pruning extent</em> [0, E). An entry
/// so pruned may be continued only by a prompt that contains all E rows unchanged: the new rows then attend to the
/// pruned cache, which is what a session does (prune at the first turn, then go on). That differs from a fresh
/// prefill of the longer prompt, whose reducer would choose its kept rows knowing the later text too.</para>
/// </summary>
public sealed class PrefixCache : IDisposable
{
    /// <summary>The settings key of requests that run no reducer: what <see cref="Reduction.ReductionSpec.None"/>
    /// writes, so a request with no reducers and one with the spec <c>none</c> share entries.</summary>
    public const string NoReduction = Reduction.ReductionSpec.NoneText;

    private readonly object _lock = new();
    private readonly LinkedList<Entry> _entries = new();   // most recently used first
    private long _bytes, _hits, _misses, _evictions;
    private bool _disposed;

    /// <param name="maxBytes">Bytes of keys and values held at most; 0 disables the cache.</param>
    /// <param name="name">Tag of this cache's byte gauge on the runtime meter (the model's name).</param>
    public PrefixCache(long maxBytes, string name = "")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        MaxBytes = maxBytes;
        Name = name;
    }

    public long MaxBytes { get; }
    public string Name { get; }
    public bool Enabled => MaxBytes > 0;

    /// <summary>Bytes of keys and values held now (<see cref="KvCache.Bytes"/> of each entry).</summary>
    public long Bytes { get { lock (_lock) return _bytes; } }
    public int Count { get { lock (_lock) return _entries.Count; } }
    public long Hits { get { lock (_lock) return _hits; } }
    public long Misses { get { lock (_lock) return _misses; } }
    public long Evictions { get { lock (_lock) return _evictions; } }

    /// <summary>
    /// The longest reusable prefix of <paramref name="request"/> among the entries stored under the same
    /// <paramref name="settings"/>, or null (a miss). At least the last symbol is left to compute, so the caller
    /// always gets logits. An entry is skipped when
    /// <list type="bullet">
    /// <item>it was pruned by a decoder reducer over rows [0, E) and the shared prefix ends before row E (the text
    /// that chose the kept rows changed), or</item>
    /// <item><paramref name="decoderReducer"/> is set and an image would be left to compute: the reducer must see the
    /// whole prompt from row 0 with its images (it runs only in a prefill from position 0, never in a
    /// continuation), so such a prompt is recomputed in full.</item>
    /// </list>
    /// The caller owns the returned cache (views of the entry, truncated to the reuse point).
    /// </summary>
    public PrefixReuse? Find(PrefixSequence request, string settings, bool decoderReducer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!Enabled) return null;
            LinkedListNode<Entry>? best = null;
            int bestSymbols = 0;
            long bestPosition = 0;
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                var entry = node.Value;
                if (!string.Equals(entry.Settings, settings, StringComparison.Ordinal)) continue;
                int symbols = Math.Min(PrefixSequence.CommonPrefix(entry.Sequence, request), request.Length - 1);
                if (symbols <= 0) continue;
                long position = entry.Sequence.ExpandedPosition(symbols, entry.FeatureCounts);
                if (entry.PrunedExtent > 0 && position < entry.PrunedExtent) continue;
                if (decoderReducer && request.HasImageFrom(symbols)) continue;
                if (position > bestPosition)
                    (best, bestSymbols, bestPosition) = (node, symbols, position);
            }
            if (best is null)
            {
                _misses++;
                return null;
            }
            _hits++;
            _entries.Remove(best);
            _entries.AddFirst(best);
            var hit = best.Value;
            var counts = hit.FeatureCounts.Take(hit.Sequence.ImagesBefore(bestSymbols)).ToArray();
            return new PrefixReuse(hit.Cache.Prefix(bestPosition), bestSymbols, bestPosition, counts, hit.PrunedExtent);
        }
    }

    /// <summary>
    /// Stores the computed <paramref name="cache"/> of <paramref name="sequence"/> (taking ownership: it is disposed
    /// when evicted, or at once when it cannot be kept). Entries whose whole prompt it holds are dropped (see
    /// <see cref="Supersedes"/>); the new one is not kept when a remaining entry holds its whole prompt.
    /// </summary>
    /// <param name="featureCounts">Rows of each image of the sequence, in order.</param>
    /// <param name="prunedExtent">Rows [0, E) whose content chose a decoder reducer's kept rows; 0 when nothing was pruned.</param>
    /// <exception cref="ArgumentException">The counts do not fit the sequence or the cache's length.</exception>
    public void Store(PrefixSequence sequence, IReadOnlyList<long> featureCounts, string settings, long prunedExtent, KvCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        try
        {
            ArgumentNullException.ThrowIfNull(sequence);
            ArgumentNullException.ThrowIfNull(featureCounts);
            ArgumentNullException.ThrowIfNull(settings);
            if (featureCounts.Count != sequence.ImageCount)
                throw new ArgumentException($"{featureCounts.Count} feature counts for {sequence.ImageCount} image(s)", nameof(featureCounts));
            long length = sequence.ExpandedPosition(sequence.Length, featureCounts);
            if (length != cache.NextPosition)
                throw new ArgumentException($"the sequence expands to {length} rows but the cache continues at position {cache.NextPosition}", nameof(cache));
            if (prunedExtent < 0 || prunedExtent > length)
                throw new ArgumentOutOfRangeException(nameof(prunedExtent), prunedExtent, $"expected 0..{length}");
        }
        catch
        {
            cache.Dispose();
            throw;
        }
        var entry = new Entry(sequence, [.. featureCounts], settings, prunedExtent, cache, cache.Bytes);
        var dropped = new List<Entry>();
        lock (_lock)
        {
            if (_disposed || !Enabled || entry.Bytes > MaxBytes)
                dropped.Add(entry);
            else
            {
                for (var node = _entries.First; node is not null;)
                {
                    var next = node.Next;
                    if (Supersedes(entry, node.Value))
                        Remove(node, dropped);
                    node = next;
                }
                if (_entries.Any(e => Supersedes(e, entry)))
                    dropped.Add(entry);
                else
                {
                    _entries.AddFirst(entry);
                    _bytes += entry.Bytes;
                    RuntimeMetrics.PrefixCacheBytes(Name, entry.Bytes);
                    while (_bytes > MaxBytes && _entries.Last is { } last)
                    {
                        Remove(last, dropped);
                        _evictions++;
                    }
                }
            }
        }
        foreach (var d in dropped)
            d.Cache.Dispose();
    }

    /// <summary>Frees every entry (views handed out stay valid until their owners dispose them).</summary>
    public void Clear()
    {
        var dropped = new List<Entry>();
        lock (_lock)
            while (_entries.First is { } first)
                Remove(first, dropped);
        foreach (var d in dropped)
            d.Cache.Dispose();
    }

    public void Dispose()
    {
        lock (_lock) _disposed = true;
        Clear();
    }

    /// <summary>
    /// True when <paramref name="newer"/> holds <paramref name="older"/>'s whole prompt (same settings and pruning):
    /// the older entry differs at most in the answer it generated, which the next turn of a conversation sends back
    /// as text and re-tokenizes (often not into the same ids). Keeping it would store each turn of a conversation
    /// again in full; a request that shares only part of the older prompt (another conversation with the same system
    /// text) does not supersede it.
    /// </summary>
    private static bool Supersedes(Entry newer, Entry older) =>
        string.Equals(newer.Settings, older.Settings, StringComparison.Ordinal)
        && newer.PrunedExtent == older.PrunedExtent
        && PrefixSequence.CommonPrefix(newer.Sequence, older.Sequence) >= Math.Min(older.Sequence.PromptLength, older.Sequence.Length);

    private void Remove(LinkedListNode<Entry> node, List<Entry> dropped)
    {
        _entries.Remove(node);
        _bytes -= node.Value.Bytes;
        RuntimeMetrics.PrefixCacheBytes(Name, -node.Value.Bytes);
        dropped.Add(node.Value);
    }

    private sealed record Entry(PrefixSequence Sequence, long[] FeatureCounts, string Settings, long PrunedExtent, KvCache Cache, long Bytes);
}
