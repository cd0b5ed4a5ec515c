using System.Collections.Concurrent;

namespace Sieve.Runtime.Serving;

/// <summary>
/// Loads each model folder once per process (per device and dtype) and hands the same <see cref="LocalChatModel"/>
/// to every session, so a chat, a report and a server's requests share one copy of the weights and queue on it.
/// A load that fails is forgotten, so fixing the folder and asking again works.
/// </summary>
public sealed class LocalModelHost : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<LocalChatModel>> _models = new(StringComparer.Ordinal);
    private readonly Func<string, RuntimeOptions, LocalChatModel> _load;

    public LocalModelHost(Func<string, RuntimeOptions, LocalChatModel>? load = null) => _load = load ?? LocalChatModel.Load;

    /// <summary>The process's host (what the chat backend registration uses).</summary>
    public static LocalModelHost Shared { get; } = new();

    /// <summary>The loaded model of <paramref name="folder"/>, loading it on first use (concurrent callers wait for
    /// the one load). Throws what <see cref="LocalChatModel.Load"/> throws.</summary>
    public LocalChatModel Get(string folder, RuntimeOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(options);
        var key = $"{Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)}|{options.Device}|{options.DType}";
        var entry = _models.GetOrAdd(key, _ => new Lazy<LocalChatModel>(() => _load(folder, options), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return entry.Value;
        }
        catch
        {
            _models.TryRemove(new KeyValuePair<string, Lazy<LocalChatModel>>(key, entry));
            throw;
        }
    }

    /// <summary>A chat client over the shared model of <paramref name="folder"/>.</summary>
    public LocalChatClient CreateClient(string folder, RuntimeOptions options) => new(Get(folder, options));

    /// <summary>How many models are loaded.</summary>
    public int Count => _models.Values.Count(l => l.IsValueCreated);

    /// <summary>Frees every loaded model; clients still holding one must not be used afterwards.</summary>
    public void Dispose()
    {
        foreach (var entry in _models.Values)
            if (entry.IsValueCreated)
                entry.Value.Dispose();
        _models.Clear();
    }
}
