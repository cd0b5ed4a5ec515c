using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Loading;

/// <summary>
/// Writes safetensors files (and HF-style sharded checkpoints with <c>model.safetensors.index.json</c>) that
/// HF's <c>safetensors</c> library reads: 8-byte little-endian header length, JSON header padded with spaces to a
/// multiple of 8, then the tensors' bytes back to back in header order. Files are written to a temporary name and
/// renamed, so a failed write never leaves a half-written checkpoint under the real name.
/// </summary>
public static class SafetensorsWriter
{
    public const string IndexFileName = "model.safetensors.index.json";
    public const string SingleFileName = "model.safetensors";

    /// <summary>Writes <paramref name="tensors"/> (any device, any layout) to <paramref name="path"/>, in the given order.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var list = tensors.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in list)
            if (!seen.Add(name) || name == SafetensorsHeader.MetadataKey)
                throw new ArgumentException($"tensor name '{name}' is duplicated or reserved", nameof(tensors));

        var header = BuildHeader(list, metadata ?? new Dictionary<string, string> { ["format"] = "pt" });
        var temp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
                stream.Write(length);
                stream.Write(header);
                foreach (var (_, tensor) in list)
                    WriteData(stream, tensor);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    /// <summary>
    /// Writes a sharded checkpoint into <paramref name="directory"/>: <c>model-0000i-of-0000n.safetensors</c>, each
    /// holding whole tensors up to about <paramref name="maxShardBytes"/> (a larger tensor gets a shard of its own),
    /// and the index mapping every tensor to its shard, as HF's <c>save_pretrained</c> does. Returns the shard paths.
    /// </summary>
    public static IReadOnlyList<string> WriteSharded(string directory, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        long maxShardBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxShardBytes);
        Directory.CreateDirectory(directory);
        var shards = new List<List<KeyValuePair<string, Tensor>>> { new() };
        long current = 0, total = 0;
        foreach (var kv in tensors)
        {
            var bytes = kv.Value.NumberOfElements * kv.Value.ElementSize;
            if (current > 0 && current + bytes > maxShardBytes)
            {
                shards.Add([]);
                current = 0;
            }
            shards[^1].Add(kv);
            current += bytes;
            total += bytes;
        }

        var paths = new List<string>();
        var weightMap = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < shards.Count; i++)
        {
            var fileName = $"model-{i + 1:D5}-of-{shards.Count:D5}.safetensors";
            var path = Path.Combine(directory, fileName);
            Write(path, shards[i]);
            paths.Add(path);
            foreach (var (name, _) in shards[i])
                weightMap[name] = fileName;
        }
        var index = new { metadata = new { total_size = total }, weight_map = weightMap };
        File.WriteAllText(Path.Combine(directory, IndexFileName),
            JsonSerializer.Serialize(index, new JsonSerializerOptions { WriteIndented = true }));
        return paths;
    }

    private static byte[] BuildHeader(List<KeyValuePair<string, Tensor>> list, IReadOnlyDictionary<string, string> metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata.Count > 0)
            {
                json.WriteStartObject(SafetensorsHeader.MetadataKey);
                foreach (var (k, v) in metadata)
                    json.WriteString(k, v);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in list)
            {
                var bytes = tensor.NumberOfElements * tensor.ElementSize;
                json.WriteStartObject(name);
                json.WriteString("dtype", SafetensorsDType.NameOf(tensor.dtype));
                json.WriteStartArray("shape");
                foreach (var d in tensor.shape)
                    json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        var header = buffer.ToArray();
        var padded = (header.Length + 7) / 8 * 8; // the data area starts 8-byte aligned, as safetensors writes it
        if (padded == header.Length)
            return header;
        var result = new byte[padded];
        header.CopyTo(result, 0);
        Encoding.ASCII.GetBytes(new string(' ', padded - header.Length)).CopyTo(result, header.Length);
        return result;
    }

    private static void WriteData(Stream stream, Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var cpu = tensor.device_type == DeviceType.CPU && tensor.is_contiguous() ? tensor : tensor.cpu().contiguous();
        if (cpu.NumberOfElements == 0)
            return;
        using var flat = cpu.view(-1);
        const long chunk = 1L << 30;
        var perChunk = chunk / cpu.ElementSize;
        for (long start = 0; start < flat.NumberOfElements; start += perChunk)
        {
            using var part = flat.narrow(0, start, Math.Min(perChunk, flat.NumberOfElements - start));
            stream.Write(part.bytes);
        }
    }
}
