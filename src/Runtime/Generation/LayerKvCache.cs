using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Generation;

/// <summary>
/// One decoder layer's cached keys (post-RoPE) and values, [1, kv_heads, T, head_dim], with the position id of each
/// cached entry. Positions are stored rather than implied by the length so that a pruned sequence (kept tokens keep
/// their original positions, leaving gaps) still gets the right causal mask. The tensors are owned here, outside
/// any dispose scope, and freed by <see cref="Dispose"/>.
/// </summary>
public sealed class LayerKvCache : IDisposable
{
    private Tensor? _keys, _values, _positions;

    public Tensor? Keys => _keys;
    public Tensor? Values => _values;
    /// <summary>[T] int64 position ids of the cached entries, in cache order.</summary>
    public Tensor? Positions => _positions;
    public long Length => _keys?.shape[2] ?? 0;
    public long Bytes => _keys is null ? 0 : (_keys.NumberOfElements + _values!.NumberOfElements) * _keys.ElementSize;

    /// <summary>Appends new entries and returns the whole cache (borrowed: do not dispose).</summary>
    public (Tensor Keys, Tensor Values, Tensor Positions) Append(Tensor keys, Tensor values, Tensor positions)
    {
        _keys = Replace(_keys, keys, 2);
        _values = Replace(_values, values, 2);
        _positions = Replace(_positions, positions, 0);
        return (_keys, _values, _positions);
    }

    /// <summary>
    /// A new layer cache holding this one's entries at positions below <paramref name="position"/> (a prefix of the
    /// cache order: positions only grow along it, gaps or not). The tensors are views sharing this cache's storage,
    /// owned by the new cache: <see cref="Append"/> never writes into existing tensors (it concatenates into new ones
    /// and disposes only its own handles), so neither cache can change the other, and libtorch keeps the shared
    /// storage alive until both have let go of it.
    /// </summary>
    public LayerKvCache Prefix(long position)
    {
        var prefix = new LayerKvCache();
        if (_positions is null) return prefix;
        long count;
        using (NewDisposeScope())
            count = (_positions < position).sum().item<long>();
        if (count == 0) return prefix;
        prefix._keys = _keys!.narrow(2, 0, count).DetachFromDisposeScope();
        prefix._values = _values!.narrow(2, 0, count).DetachFromDisposeScope();
        prefix._positions = _positions.narrow(0, 0, count).DetachFromDisposeScope();
        return prefix;
    }

    private static Tensor Replace(Tensor? old, Tensor added, int dim)
    {
        var next = old is null ? added.clone() : cat([old, added], dim);
        next.DetachFromDisposeScope();
        old?.Dispose();
        return next;
    }

    public void Dispose()
    {
        _keys?.Dispose();
        _values?.Dispose();
        _positions?.Dispose();
        _keys = _values = _positions = null;
    }
}
