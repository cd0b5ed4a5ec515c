using System.Text.Json;

namespace Sieve.Runtime.Loading;

/// <summary>
/// Parses and checks a safetensors header: the JSON object after the 8-byte little-endian length, mapping each
/// tensor name to <c>{dtype, shape, data_offsets:[begin,end]}</c> (offsets from the start of the data area), plus an
/// optional <c>__metadata__</c> string map. Every entry is checked against the data area's length, so a truncated
/// download is reported here rather than as garbage weights.
/// </summary>
internal static class SafetensorsHeader
{
    /// <summary>The safetensors format's own cap on the header (100 MB); a larger length means a corrupt file.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    public const string MetadataKey = "__metadata__";

    public static (List<SafetensorsTensorInfo> Tensors, Dictionary<string, string> Metadata) Parse(
        string file, ReadOnlySpan<byte> json, long dataLength)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new CheckpointException(file, null, $"corrupt header: not valid JSON ({e.Message})", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new CheckpointException(file, null, $"corrupt header: expected a JSON object, found {doc.RootElement.ValueKind}");
            var tensors = new List<SafetensorsTensorInfo>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (prop.Name == MetadataKey)
                {
                    ReadMetadata(file, prop.Value, metadata);
                    continue;
                }
                tensors.Add(ReadEntry(file, prop.Name, prop.Value, dataLength));
            }
            CheckNoOverlap(file, tensors);
            return (tensors, metadata);
        }
    }

    private static void ReadMetadata(string file, JsonElement value, Dictionary<string, string> into)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new CheckpointException(file, null, "corrupt header: __metadata__ is not an object");
        foreach (var m in value.EnumerateObject())
        {
            if (m.Value.ValueKind != JsonValueKind.String)
                throw new CheckpointException(file, null, $"corrupt header: __metadata__ value '{m.Name}' is not a string");
            into[m.Name] = m.Value.GetString()!;
        }
    }

    private static SafetensorsTensorInfo ReadEntry(string file, string name, JsonElement e, long dataLength)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw new CheckpointException(file, name, "corrupt header: entry is not an object");
        if (!e.TryGetProperty("dtype", out var dt) || dt.ValueKind != JsonValueKind.String)
            throw new CheckpointException(file, name, "corrupt header: no string 'dtype'");
        var dtype = dt.GetString()!;
        if (!SafetensorsDType.TryParse(dtype, out var scalarType, out var elementSize))
            throw new CheckpointException(file, name,
                $"unsupported dtype '{dtype}' (supported: {string.Join(", ", SafetensorsDType.Supported)})");

        if (!e.TryGetProperty("shape", out var sh) || sh.ValueKind != JsonValueKind.Array)
            throw new CheckpointException(file, name, "corrupt header: no 'shape' array");
        var shape = new long[sh.GetArrayLength()];
        var elements = 1L;
        var i = 0;
        foreach (var d in sh.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out var n) || n < 0)
                throw new CheckpointException(file, name, $"corrupt header: shape entry {d} is not a non-negative integer");
            shape[i++] = n;
            elements = checked(elements * n);
        }

        if (!e.TryGetProperty("data_offsets", out var off) || off.ValueKind != JsonValueKind.Array
            || off.GetArrayLength() != 2 || !off[0].TryGetInt64(out var begin) || !off[1].TryGetInt64(out var end)
            || begin < 0 || end < begin)
            throw new CheckpointException(file, name, "corrupt header: 'data_offsets' must be [begin, end] with 0 <= begin <= end");

        var needed = checked(elements * elementSize);
        if (end - begin != needed)
            throw new CheckpointException(file, name,
                $"corrupt header: shape {SafetensorsTensorInfo.FormatShape(shape)} of {dtype} needs {needed} bytes but data_offsets cover {end - begin}");
        if (end > dataLength)
            throw new CheckpointException(file, name,
                $"truncated file: the tensor's data ends at byte {end} of the data area, which holds only {dataLength} bytes");
        return new SafetensorsTensorInfo(name, dtype, scalarType, shape, file, begin, end - begin);
    }

    private static void CheckNoOverlap(string file, List<SafetensorsTensorInfo> tensors)
    {
        var sorted = tensors.Where(t => t.ByteLength > 0).OrderBy(t => t.DataBegin).ToList();
        for (var i = 1; i < sorted.Count; i++)
            if (sorted[i].DataBegin < sorted[i - 1].DataBegin + sorted[i - 1].ByteLength)
                throw new CheckpointException(file, sorted[i].Name,
                    $"corrupt header: data overlaps that of tensor '{sorted[i - 1].Name}'");
    }
}
