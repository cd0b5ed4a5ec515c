using Sieve.Runtime.Caching;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Models;
using Sieve.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Caching;

/// <summary>The store itself: bytes, LRU eviction, redundancy, and that every tensor it held is freed.</summary>
public sealed class PrefixCacheTests
{
    /// <summary>Tiny model: 3 layers × (keys + values) × 2 kv heads × 16 dims × 4 bytes per row.</summary>
    private const long BytesPerRow = 3 * 2 * 2 * 16 * 4;

    private static PrefixSequence Text(params long[] ids) => PrefixSequence.FromPrompt(ids, TinyLlava.ImageToken, [])!;

    /// <summary>The computed cache of a text prompt (as a turn leaves it).</summary>
    private static KvCache Computed(LlavaModel model, long[] ids)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var cache = model.NewCache();
        model.Forward(model.EmbedPrompt(ids, []).Embeds, cache);
        return cache;
    }

    private static long Reused(PrefixCache cache, long[] ids)
    {
        var hit = cache.Find(Text(ids), PrefixCache.NoReduction, decoderReducer: false);
        hit?.Cache.Dispose();
        return hit?.Position ?? 0;
    }

    [Fact]
    public void The_least_recently_used_entry_is_evicted_when_the_bytes_run_out()
    {
        using var model = TinyLlava.Create();
        using var cache = new PrefixCache(25 * BytesPerRow);
        long[] a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], b = [1, 20, 21, 22, 23, 24, 25, 26, 27, 28], c = [1, 30, 31, 32, 33, 34, 35, 36, 37, 38];
        cache.Store(Text(a), [], PrefixCache.NoReduction, 0, Computed(model, a));
        cache.Store(Text(b), [], PrefixCache.NoReduction, 0, Computed(model, b));
        Assert.Equal(20 * BytesPerRow, cache.Bytes);
        Assert.Equal(10, Reused(cache, [.. a, 99]));            // a is now the most recently used
        cache.Store(Text(c), [], PrefixCache.NoReduction, 0, Computed(model, c));

        Assert.Equal(2, cache.Count);
        Assert.Equal(1, cache.Evictions);
        Assert.Equal(20 * BytesPerRow, cache.Bytes);
        Assert.Equal(1, Reused(cache, [.. b, 99]));            // b went: only the shared BOS is left, from a or c
        Assert.Equal(10, Reused(cache, [.. a, 99]));
        Assert.Equal(10, Reused(cache, [.. c, 99]));
    }

    [Fact]
    public void An_entry_larger_than_the_cache_is_not_kept_and_a_zero_budget_disables_it()
    {
        using var model = TinyLlava.Create();
        using var small = new PrefixCache(5 * BytesPerRow);
        long[] ids = [1, 2, 3, 4, 5, 6, 7, 8];
        small.Store(Text(ids), [], PrefixCache.NoReduction, 0, Computed(model, ids));
        Assert.Equal(0, small.Count);
        Assert.Equal(0, small.Bytes);

        using var off = new PrefixCache(0);
        off.Store(Text(ids), [], PrefixCache.NoReduction, 0, Computed(model, ids));
        Assert.Equal(0, Reused(off, [.. ids, 9]));
        Assert.False(new PrefillSettings(off).CacheKey is not null);
    }

    [Fact]
    public void A_longer_sequence_replaces_the_entries_it_extends_and_a_shorter_one_is_not_stored()
    {
        using var model = TinyLlava.Create();
        using var cache = new PrefixCache(1 << 20);
        long[] shorter = [1, 2, 3, 4], longer = [1, 2, 3, 4, 5, 6];
        cache.Store(Text(shorter), [], PrefixCache.NoReduction, 0, Computed(model, shorter));
        cache.Store(Text(longer), [], PrefixCache.NoReduction, 0, Computed(model, longer));
        Assert.Equal(1, cache.Count);
        Assert.Equal(6 * BytesPerRow, cache.Bytes);
        cache.Store(Text(shorter), [], PrefixCache.NoReduction, 0, Computed(model, shorter));
        Assert.Equal(1, cache.Count);
        Assert.Equal(6 * BytesPerRow, cache.Bytes);
        // Other settings or another pruning are other entries.
        cache.Store(Text(shorter), [], "other", 0, Computed(model, shorter));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void A_turn_holding_an_entrys_whole_prompt_supersedes_it_but_a_conversation_sharing_part_of_it_does_not()
    {
        using var model = TinyLlava.Create();
        using var cache = new PrefixCache(1 << 20);
        long[] prompt = [1, 2, 3, 4, 5], answer = [6, 7];
        cache.Store(Text(prompt).Extend(answer), [], PrefixCache.NoReduction, 0, Computed(model, [.. prompt, .. answer]));
        long[] other = [1, 2, 3, 9, 9];                      // shares the "system text" 1 2 3 only
        cache.Store(Text(other), [], PrefixCache.NoReduction, 0, Computed(model, other));
        Assert.Equal(2, cache.Count);
        long[] next = [.. prompt, 6, 8, 10, 11];             // the answer sent back re-tokenized, then a new message
        cache.Store(Text(next), [], PrefixCache.NoReduction, 0, Computed(model, next));
        Assert.Equal(2, cache.Count);
        Assert.Equal((other.Length + next.Length) * BytesPerRow, cache.Bytes);
        Assert.Equal(5, Reused(cache, [.. other, 1]));
    }

    [Fact]
    public void A_sequence_that_does_not_fit_its_cache_is_refused_and_freed()
    {
        using var model = TinyLlava.Create();
        using var cache = new PrefixCache(1 << 20);
        long before = PrefixTurns.LiveTensors;
        var e = Assert.Throws<ArgumentException>(() => cache.Store(Text(1, 2, 3), [], PrefixCache.NoReduction, 0, Computed(model, [1, 2, 3, 4])));
        Assert.Contains("expands to 3 rows", e.Message);
        Assert.Equal(before, PrefixTurns.LiveTensors);
    }

    [Fact]
    public void Eviction_clearing_and_disposal_free_every_tensor_and_views_outlive_their_entry()
    {
        using var model = TinyLlava.Create();
        long before = PrefixTurns.LiveTensors;
        var cache = new PrefixCache(25 * BytesPerRow);
        long[] a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], b = [1, 20, 21, 22, 23, 24, 25, 26, 27, 28], c = [1, 30, 31, 32, 33, 34, 35, 36, 37, 38];
        cache.Store(Text(a), [], PrefixCache.NoReduction, 0, Computed(model, a));
        var hit = cache.Find(Text([.. a, 11]), PrefixCache.NoReduction, false)!;
        cache.Store(Text(b), [], PrefixCache.NoReduction, 0, Computed(model, b));
        cache.Store(Text(c), [], PrefixCache.NoReduction, 0, Computed(model, c));   // evicts a
        cache.Clear();
        Assert.Equal(0, cache.Bytes);
        Assert.Equal(0, cache.Count);

        // The hit's views still read a's keys although a is gone.
        Assert.Equal(10, hit.Cache[0].Length);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), hit.Cache[2].Positions!.data<long>().ToArray());
        hit.Cache.Dispose();

        cache.Store(Text(a), [], PrefixCache.NoReduction, 0, Computed(model, a));
        cache.Dispose();
        Assert.Equal(0, cache.Bytes);
        Assert.Equal(before, PrefixTurns.LiveTensors);
        Assert.Throws<ObjectDisposedException>(() => cache.Find(Text(a), PrefixCache.NoReduction, false));
    }

    [Fact]
    public void A_session_of_turns_leaves_no_tensor_behind_once_the_cache_is_disposed()
    {
        using var model = TinyLlava.Create();
        using var pixels = TinyLlava.Pixels(1);
        long before = PrefixTurns.LiveTensors;
        using (var cache = new PrefixCache(1 << 20))
        {
            long[] turn1 = [1, 17, TinyLlava.ImageToken, 23];
            var answer = PrefixTurns.Answer(model, cache, turn1, pixels);
            PrefixTurns.Answer(model, cache, [.. turn1, .. answer, 5, 6], pixels);
            Assert.Equal(1, cache.Hits);
            Assert.True(cache.Bytes > 0);
        }
        Assert.Equal(before, PrefixTurns.LiveTensors);
    }

    [Fact]
    public void Concurrent_finds_and_stores_keep_the_byte_count_true()
    {
        using var model = TinyLlava.Create();
        using var cache = new PrefixCache(40 * BytesPerRow);
        var caches = Enumerable.Range(0, 24).Select(i => (Ids: new long[] { 1, 2 + i, 3, 4, 5 }, Kv: Computed(model, [1, 2 + i, 3, 4, 5]))).ToArray();
        Parallel.ForEach(caches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, x =>
        {
            cache.Store(Text(x.Ids), [], PrefixCache.NoReduction, 0, x.Kv);
            cache.Find(Text([.. x.Ids, 6]), PrefixCache.NoReduction, false)?.Cache.Dispose();
        });
        Assert.Equal(8, cache.Count);
        Assert.Equal(8 * 5 * BytesPerRow, cache.Bytes);
        Assert.Equal(16, cache.Evictions);
    }
}
