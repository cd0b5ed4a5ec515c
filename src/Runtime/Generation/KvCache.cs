namespace Sieve.Runtime.Generation;

/// <summary>
/// The key/value cache of one sequence: one <see cref="LayerKvCache"/> per decoder layer, and the position id the
/// next token gets. After pruning, layers may hold different lengths, but the next position is shared: decoding
/// continues at (full prompt length + tokens generated), whatever was dropped.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly LayerKvCache[] _layers;

    public KvCache(int layerCount)
    {
        _layers = Enumerable.Range(0, layerCount).Select(_ => new LayerKvCache()).ToArray();
    }

    private KvCache(LayerKvCache[] layers, long nextPosition)
    {
        _layers = layers;
        NextPosition = nextPosition;
    }

    /// <summary>
    /// A new cache of the entries at positions below <paramref name="position"/>, per layer (a pruned layer keeps
    /// its kept entries there, a full one all of them), continuing at <paramref name="position"/>. It shares this
    /// cache's storage without changing it (see <see cref="LayerKvCache.Prefix"/>); dispose both.
    /// </summary>
    public KvCache Prefix(long position)
    {
        if (position < 0 || position > NextPosition)
            throw new ArgumentOutOfRangeException(nameof(position), position, $"expected 0..{NextPosition}");
        return new KvCache(_layers.Select(l => l.Prefix(position)).ToArray(), position);
    }

    public LayerKvCache this[int layer] => _layers[layer];

    public int LayerCount => _layers.Length;

    /// <summary>The position id of the next token to be fed.</summary>
    public long NextPosition { get; set; }

    /// <summary>Bytes held by all layers' keys and values.</summary>
    public long Bytes => _layers.Sum(l => l.Bytes);

    public void Dispose()
    {
        foreach (var l in _layers) l.Dispose();
    }
}
