using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Loading;

/// <summary>
/// The weights of a HuggingFace model folder: one <c>model.safetensors</c>, or shards listed by
/// <c>model.safetensors.index.json</c>. Lists tensors (name, shape, dtype, file) and reads them on demand from
/// memory-mapped files, so nothing is read twice and no file is copied into memory as a whole.
/// </summary>
public sealed class CheckpointReader : IDisposable
{
    private readonly List<SafetensorsFile> _files;
    private readonly Dictionary<string, (SafetensorsFile File, SafetensorsTensorInfo Info)> _byName;

    private CheckpointReader(string location, List<SafetensorsFile> files,
        Dictionary<string, (SafetensorsFile, SafetensorsTensorInfo)> byName)
    {
        Location = location;
        _files = files;
        _byName = byName;
        Tensors = byName.Values.Select(v => v.Item2).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The folder, .safetensors file or index that was opened.</summary>
    public string Location { get; }

    /// <summary>The .safetensors files read.</summary>
    public IReadOnlyList<string> Files => _files.Select(f => f.Path).ToList();

    /// <summary>Every tensor, ordered by name.</summary>
    public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

    /// <summary>Total number of elements over all tensors (the parameter count, buffers included).</summary>
    public long ElementCount => Tensors.Sum(t => t.ElementCount);

    /// <summary>Elements per on-disk dtype (<c>BF16</c> → count).</summary>
    public IReadOnlyDictionary<string, long> ElementsByDType =>
        Tensors.GroupBy(t => t.DType).ToDictionary(g => g.Key, g => g.Sum(t => t.ElementCount), StringComparer.Ordinal);

    /// <summary>
    /// Opens a model folder (<c>model.safetensors.index.json</c> first, then <c>model.safetensors</c>, then a lone
    /// <c>*.safetensors</c>), a .safetensors file, or an index file. Every shard's header is checked against the index.
    /// </summary>
    /// <exception cref="CheckpointException">Nothing to load, a shard missing or disagreeing with the index, or any file error.</exception>
    public static CheckpointReader Open(string path)
    {
        path = Path.GetFullPath(path);
        if (Directory.Exists(path))
            return OpenFolder(path);
        if (!File.Exists(path))
            throw new CheckpointException(path, null, "no such file or folder");
        return path.EndsWith(".index.json", StringComparison.Ordinal) ? OpenSharded(path) : OpenSingle(path);
    }

    private static CheckpointReader OpenFolder(string dir)
    {
        var index = Path.Combine(dir, SafetensorsWriter.IndexFileName);
        if (File.Exists(index))
            return OpenSharded(index);
        var single = Path.Combine(dir, SafetensorsWriter.SingleFileName);
        if (File.Exists(single))
            return OpenSingle(single);
        var indexes = Directory.GetFiles(dir, "*.safetensors.index.json");
        if (indexes.Length == 1)
            return OpenSharded(indexes[0]);
        var files = Directory.GetFiles(dir, "*.safetensors");
        if (files.Length == 1 && indexes.Length == 0)
            return OpenSingle(files[0]);
        throw new CheckpointException(dir, null, files.Length == 0
            ? $"no weights: expected {SafetensorsWriter.SingleFileName} or {SafetensorsWriter.IndexFileName}"
            : $"{files.Length} .safetensors files but no {SafetensorsWriter.IndexFileName} saying which tensor is where");
    }

    private static CheckpointReader OpenSingle(string file)
    {
        var st = SafetensorsFile.Open(file);
        var byName = st.Tensors.ToDictionary(t => t.Name, t => (st, t), StringComparer.Ordinal);
        return new CheckpointReader(file, [st], byName);
    }

    private static CheckpointReader OpenSharded(string indexPath)
    {
        var map = ShardIndex.Read(indexPath);
        var files = new List<SafetensorsFile>();
        try
        {
            var byName = new Dictionary<string, (SafetensorsFile, SafetensorsTensorInfo)>(StringComparer.Ordinal);
            foreach (var shardPath in map.Values.Distinct().Order(StringComparer.Ordinal))
            {
                if (!File.Exists(shardPath))
                    throw new CheckpointException(indexPath, map.First(kv => kv.Value == shardPath).Key,
                        $"missing shard: the index places this tensor in '{Path.GetFileName(shardPath)}', which does not exist");
                var shard = SafetensorsFile.Open(shardPath);
                files.Add(shard);
                foreach (var t in shard.Tensors)
                {
                    if (!map.TryGetValue(t.Name, out var listed) || listed != shardPath)
                        throw new CheckpointException(shardPath, t.Name, listed is null
                            ? $"unexpected tensor: not listed in {Path.GetFileName(indexPath)}"
                            : $"unexpected tensor: {Path.GetFileName(indexPath)} places it in '{Path.GetFileName(listed)}'");
                    byName[t.Name] = (shard, t);
                }
            }
            foreach (var (name, shardPath) in map)
                if (!byName.ContainsKey(name))
                    throw new CheckpointException(shardPath, name,
                        $"missing tensor: {Path.GetFileName(indexPath)} lists it in this shard, which does not hold it");
            return new CheckpointReader(indexPath, files, byName);
        }
        catch
        {
            foreach (var f in files)
                f.Dispose();
            throw;
        }
    }

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The header entry of <paramref name="name"/>.</summary>
    /// <exception cref="CheckpointException">Missing tensor.</exception>
    public SafetensorsTensorInfo Info(string name) => Find(name).Info;

    /// <summary>A new tensor holding <paramref name="name"/> in <paramref name="dtype"/> (default: as on disk) on <paramref name="device"/> (default: CPU).</summary>
    public Tensor Get(string name, ScalarType? dtype = null, Device? device = null) =>
        Find(name).File.Get(name, dtype, device);

    /// <summary>As <see cref="Get(string, ScalarType?, Device?)"/>, after checking the shape the caller expects.</summary>
    /// <exception cref="CheckpointException">Missing tensor or wrong shape.</exception>
    public Tensor Get(string name, long[] expectedShape, ScalarType? dtype = null, Device? device = null)
    {
        var (file, info) = Find(name);
        if (!info.Shape.SequenceEqual(expectedShape))
            throw new CheckpointException(file.Path, name,
                $"wrong shape: the checkpoint has {info.ShapeText}, the model expects {SafetensorsTensorInfo.FormatShape(expectedShape)}");
        return file.Get(name, dtype, device);
    }

    /// <summary>Copies <paramref name="name"/> into <paramref name="destination"/>, converting dtype and device.</summary>
    /// <exception cref="CheckpointException">Missing tensor or wrong shape.</exception>
    public void CopyTo(string name, Tensor destination) => Find(name).File.CopyTo(name, destination);

    /// <summary>
    /// Fills every parameter and buffer of <paramref name="module"/> (its <c>state_dict</c> names) from the
    /// checkpoint, keeping each parameter's dtype and device. All names and shapes are checked before anything is
    /// copied, so a mismatch leaves the module untouched; the error lists every problem found (up to a few).
    /// </summary>
    /// <exception cref="CheckpointException">Missing, unexpected or wrongly shaped tensors.</exception>
    public CheckpointLoadReport LoadInto(nn.Module module, CheckpointLoadOptions? options = null)
    {
        options ??= new CheckpointLoadOptions();
        var targets = module.state_dict();
        var plan = new List<(string Source, Tensor Target)>();
        var problems = new List<(string File, string Tensor, string Problem)>();
        var ignored = new List<string>();
        var claimed = new HashSet<string>(StringComparer.Ordinal);

        foreach (var info in Tensors)
        {
            var target = options.Rename is null ? info.Name : options.Rename(info.Name);
            if (target is null || (!targets.ContainsKey(target) && options.IgnoreUnexpected?.Invoke(info.Name) == true))
            {
                ignored.Add(info.Name);
                continue;
            }
            if (!targets.TryGetValue(target, out var tensor))
            {
                problems.Add((info.File, info.Name, "unexpected tensor: the model has no parameter or buffer of this name"
                    + (target == info.Name ? "" : $" (renamed to '{target}')")));
                continue;
            }
            if (!claimed.Add(target))
            {
                problems.Add((info.File, info.Name, $"unexpected tensor: a second checkpoint tensor maps to '{target}'"));
                continue;
            }
            if (!tensor.shape.SequenceEqual(info.Shape))
            {
                problems.Add((info.File, info.Name,
                    $"wrong shape: the checkpoint has {info.ShapeText}, the model expects {SafetensorsTensorInfo.FormatShape(tensor.shape)}"));
                continue;
            }
            plan.Add((info.Name, tensor));
        }
        var allowedMissing = new List<string>();
        foreach (var name in targets.Keys.Order(StringComparer.Ordinal))
        {
            if (claimed.Contains(name))
                continue;
            if (options.AllowMissing?.Invoke(name) == true)
                allowedMissing.Add(name);
            else
                problems.Add((Location, name, "missing tensor: the model needs it and the checkpoint does not have it"));
        }
        if (problems.Count > 0)
            throw Combined(problems);

        using (no_grad())
            foreach (var (source, target) in plan)
                CopyTo(source, target);
        return new CheckpointLoadReport(plan.Count, ignored, allowedMissing);
    }

    private static CheckpointException Combined(List<(string File, string Tensor, string Problem)> problems)
    {
        var (file, tensor, problem) = problems[0];
        if (problems.Count == 1)
            return new CheckpointException(file, tensor, problem);
        const int shown = 8;
        var more = string.Join("; ", problems.Skip(1).Take(shown - 1).Select(p => $"'{p.Tensor}': {p.Problem}"));
        var rest = problems.Count > shown ? $"; and {problems.Count - shown} more" : "";
        return new CheckpointException(file, tensor, $"{problem} ({problems.Count} problems; also {more}{rest})");
    }

    private (SafetensorsFile File, SafetensorsTensorInfo Info) Find(string name) =>
        _byName.TryGetValue(name, out var hit) ? hit
            : throw new CheckpointException(Location, name, "missing tensor: the checkpoint has no tensor of this name");

    public void Dispose()
    {
        foreach (var f in _files)
            f.Dispose();
    }
}

/// <summary>How checkpoint names meet module names in <see cref="CheckpointReader.LoadInto"/>.</summary>
public sealed record CheckpointLoadOptions
{
    /// <summary>Checkpoint name to module name (for a second layout of the same model); null return = skip it.</summary>
    public Func<string, string?>? Rename { get; init; }

    /// <summary>Checkpoint tensors the model may lack (HF's <c>position_ids</c> buffers of older CLIP checkpoints).</summary>
    public Func<string, bool>? IgnoreUnexpected { get; init; }

    /// <summary>Module names the checkpoint may lack (a tied <c>lm_head.weight</c>); they keep their current value.</summary>
    public Func<string, bool>? AllowMissing { get; init; }
}

/// <summary>What <see cref="CheckpointReader.LoadInto"/> did.</summary>
public sealed record CheckpointLoadReport(int Loaded, IReadOnlyList<string> Ignored, IReadOnlyList<string> MissingAllowed);
