using static TorchSharp.torch;

namespace Sieve.Runtime.Loading;

/// <summary>The safetensors dtype names this runtime reads and writes, and their TorchSharp types.</summary>
public static class SafetensorsDType
{
    private static readonly Dictionary<string, (ScalarType Type, int Size)> s_byName = new(StringComparer.Ordinal)
    {
        ["F64"] = (ScalarType.Float64, 8),
        ["F32"] = (ScalarType.Float32, 4),
        ["F16"] = (ScalarType.Float16, 2),
        ["BF16"] = (ScalarType.BFloat16, 2),
        ["I64"] = (ScalarType.Int64, 8),
        ["I32"] = (ScalarType.Int32, 4),
        ["I16"] = (ScalarType.Int16, 2),
        ["I8"] = (ScalarType.Int8, 1),
        ["U8"] = (ScalarType.Byte, 1),
        ["BOOL"] = (ScalarType.Bool, 1),
    };

    /// <summary>The names accepted, for error messages.</summary>
    public static IReadOnlyCollection<string> Supported => s_byName.Keys;

    public static bool TryParse(string name, out ScalarType type, out int elementSize)
    {
        if (s_byName.TryGetValue(name, out var e))
        {
            (type, elementSize) = e;
            return true;
        }
        (type, elementSize) = (default, 0);
        return false;
    }

    /// <summary>The safetensors name of <paramref name="type"/>; throws for a type safetensors cannot hold here.</summary>
    public static string NameOf(ScalarType type)
    {
        foreach (var (name, e) in s_byName)
            if (e.Type == type)
                return name;
        throw new ArgumentException($"dtype {type} cannot be written to safetensors by this runtime", nameof(type));
    }

    public static int SizeOf(ScalarType type) => s_byName[NameOf(type)].Size;
}
