using System.Text.Json;

namespace Sieve.Runtime.Loading;

/// <summary>Reads <c>model.safetensors.index.json</c>: which shard file holds each tensor.</summary>
internal static class ShardIndex
{
    /// <summary>Tensor name to shard file (full path, inside the index's directory).</summary>
    public static Dictionary<string, string> Read(string indexPath)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(indexPath));
        }
        catch (JsonException e)
        {
            throw new CheckpointException(indexPath, null, $"corrupt shard index: not valid JSON ({e.Message})", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
                throw new CheckpointException(indexPath, null, "corrupt shard index: no 'weight_map' object");
            var dir = Path.GetDirectoryName(indexPath)!;
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in map.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.String)
                    throw new CheckpointException(indexPath, entry.Name, "corrupt shard index: the shard is not a file name");
                var shard = Path.GetFullPath(Path.Combine(dir, entry.Value.GetString()!));
                if (Path.GetDirectoryName(shard) != dir)
                    throw new CheckpointException(indexPath, entry.Name,
                        $"corrupt shard index: shard '{entry.Value.GetString()}' is not a file in the checkpoint folder");
                result[entry.Name] = shard;
            }
            if (result.Count == 0)
                throw new CheckpointException(indexPath, null, "corrupt shard index: 'weight_map' lists no tensors");
            return result;
        }
    }
}
