using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sieve.Runtime.Loading.Configs;

/// <summary>
/// Typed reads of one JSON object of a HF config file, with the default used when a key is absent or null (HF
/// omits keys that equal their defaults). A key of the wrong type is an error naming the file and key path.
/// </summary>
internal sealed class ConfigJson
{
    private readonly JsonObject _obj;

    public ConfigJson(string file, string path, JsonObject obj)
    {
        File = file;
        Path = path;
        _obj = obj;
    }

    public string File { get; }

    /// <summary>Where this object sits in the file (<c>text_config</c>), empty for the root.</summary>
    public string Path { get; }

    /// <summary>Parses a config file's root object.</summary>
    public static ConfigJson Load(string file)
    {
        if (!System.IO.File.Exists(file))
            throw new CheckpointException(file, null, "file not found");
        try
        {
            return JsonNode.Parse(System.IO.File.ReadAllText(file)) is JsonObject o
                ? new ConfigJson(file, "", o)
                : throw new CheckpointException(file, null, "not a JSON object");
        }
        catch (JsonException e)
        {
            throw new CheckpointException(file, null, $"not valid JSON ({e.Message})", e);
        }
    }

    public bool Has(string key) => _obj[key] is not null;

    public bool IsObject(string key) => _obj[key] is JsonObject;

    public CheckpointException Error(string key, string problem) =>
        new(File, null, $"'{Key(key)}' {problem}");

    private string Key(string key) => Path.Length == 0 ? key : Path + "." + key;

    /// <summary>The nested object at <paramref name="key"/>, or null when absent.</summary>
    public ConfigJson? Object(string key) => _obj[key] switch
    {
        null => null,
        JsonObject o => new ConfigJson(File, Key(key), o),
        var other => throw Error(key, $"must be an object, found {other.GetValueKind()}"),
    };

    public int Int(string key, int fallback) => Long(key, fallback) is var v and >= int.MinValue and <= int.MaxValue
        ? (int)v : throw Error(key, "is out of range");

    public int? IntOrNull(string key) => Has(key) ? Int(key, 0) : null;

    public long Long(string key, long fallback)
    {
        var node = _obj[key];
        if (node is null)
            return fallback;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            if (v.TryGetValue<long>(out var l))
                return l;
            // HF sometimes writes integral values as 1e4-style floats.
            if (v.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15)
                return (long)d;
        }
        throw Error(key, $"must be an integer, found {node.ToJsonString()}");
    }

    public double Double(string key, double fallback)
    {
        var node = _obj[key];
        if (node is null)
            return fallback;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d))
            return d;
        throw Error(key, $"must be a number, found {node.ToJsonString()}");
    }

    public double? DoubleOrNull(string key) => Has(key) ? Double(key, 0) : null;

    public bool Bool(string key, bool fallback)
    {
        var node = _obj[key];
        if (node is null)
            return fallback;
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            return v.GetValue<bool>();
        throw Error(key, $"must be true or false, found {node.ToJsonString()}");
    }

    public string String(string key, string fallback) => StringOrNull(key) ?? fallback;

    public string? StringOrNull(string key)
    {
        var node = _obj[key];
        if (node is null)
            return null;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            return v.GetValue<string>();
        throw Error(key, $"must be a string, found {node.ToJsonString()}");
    }

    /// <summary>An integer or a list of integers (HF's <c>eos_token_id</c>, <c>vision_feature_layer</c>).</summary>
    public IReadOnlyList<int> IntList(string key, IReadOnlyList<int> fallback)
    {
        var node = _obj[key];
        if (node is null)
            return fallback;
        if (node is JsonArray a)
            return a.Select((_, i) => new ConfigJson(File, Key(key), new JsonObject { ["v"] = a[i]?.DeepClone() }).Int("v", 0))
                .ToList();
        return [Int(key, 0)];
    }

    /// <summary>A list of numbers (image_mean).</summary>
    public IReadOnlyList<double> DoubleList(string key, IReadOnlyList<double> fallback)
    {
        var node = _obj[key];
        if (node is null)
            return fallback;
        if (node is JsonArray a && a.All(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.Number))
            return a.Select(x => x!.GetValue<double>()).ToList();
        if (node is JsonValue s && s.GetValueKind() == JsonValueKind.Number)
            return [s.GetValue<double>()];
        throw Error(key, $"must be a list of numbers, found {node.ToJsonString()}");
    }

    /// <summary>A list of integer pairs (<c>image_grid_pinpoints</c>).</summary>
    public IReadOnlyList<(int, int)> PairList(string key)
    {
        var node = _obj[key];
        if (node is null)
            return [];
        if (node is JsonArray a && a.All(x => x is JsonArray p && p.Count == 2))
            return a.Select(x => (x![0]!.GetValue<int>(), x[1]!.GetValue<int>())).ToList();
        throw Error(key, $"must be a list of [height, width] pairs, found {node.ToJsonString()}");
    }

    /// <summary>A string or a list of strings (<c>architectures</c>).</summary>
    public IReadOnlyList<string> StringList(string key)
    {
        var node = _obj[key];
        return node switch
        {
            null => [],
            JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
            JsonArray a when a.All(x => x is JsonValue e && e.GetValueKind() == JsonValueKind.String) =>
                a.Select(x => x!.GetValue<string>()).ToList(),
            _ => throw Error(key, $"must be a string or a list of strings, found {node.ToJsonString()}"),
        };
    }

    /// <summary>A copy of this object with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public ConfigJson With(string key, string value)
    {
        var copy = (JsonObject)_obj.DeepClone();
        copy[key] = value;
        return new ConfigJson(File, Path, copy);
    }
}
