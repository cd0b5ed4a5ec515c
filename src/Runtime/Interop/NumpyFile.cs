using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Interop;

/// <summary>
/// NumPy's <c>.npy</c> format (versions 1–3) for exchanging arrays with Python scripts: little-endian float32,
/// float64, int64, int32 and uint8, C order. Errors name the file and the problem.
/// </summary>
public static partial class NumpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private static readonly (string Descr, ScalarType Type)[] Types =
    [
        ("<f4", ScalarType.Float32), ("<f8", ScalarType.Float64), ("<i8", ScalarType.Int64),
        ("<i4", ScalarType.Int32), ("|u1", ScalarType.Byte),
    ];

    /// <summary>Reads the array into a CPU tensor of the file's dtype.</summary>
    public static Tensor Read(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new InvalidDataException($"{path}: cannot read ({e.Message})", e); }
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
            throw new InvalidDataException($"{path}: not a NumPy .npy file (no \\x93NUMPY magic)");
        int major = bytes[6];
        int headerLength, offset;
        if (major == 1) { headerLength = BitConverter.ToUInt16(bytes, 8); offset = 10; }
        else if (major is 2 or 3 && bytes.Length >= 12) { headerLength = (int)BitConverter.ToUInt32(bytes, 8); offset = 12; }
        else throw new InvalidDataException($"{path}: unsupported .npy version {major}");
        if (offset + headerLength > bytes.Length)
            throw new InvalidDataException($"{path}: truncated header");
        var header = Encoding.Latin1.GetString(bytes, offset, headerLength);
        var descr = DescrPattern().Match(header);
        var order = OrderPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !order.Success || !shape.Success)
            throw new InvalidDataException($"{path}: cannot parse header {header.Trim()}");
        if (order.Groups[1].Value != "False")
            throw new InvalidDataException($"{path}: Fortran-order arrays are not supported; save with np.ascontiguousarray");
        var type = Types.FirstOrDefault(t => t.Descr == descr.Groups[1].Value);
        if (type.Descr is null)
            throw new InvalidDataException(
                $"{path}: dtype '{descr.Groups[1].Value}' is not supported (expected one of {string.Join(", ", Types.Select(t => t.Descr))})");
        long[] dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int dataStart = offset + headerLength;
        long count = dims.Aggregate(1L, (a, b) => a * b);
        long needed = count * ElementSize(type.Type);
        if (bytes.Length - dataStart != needed)
            throw new InvalidDataException(
                $"{path}: shape ({string.Join(", ", dims)}) needs {needed} data bytes but the file has {bytes.Length - dataStart}");
        var flat = torch.empty([count], type.Type);
        flat.bytes = bytes.AsSpan(dataStart).ToArray();
        return flat.reshape(dims);
    }

    /// <summary>Writes a tensor (moved to CPU) as a version-1 .npy file.</summary>
    public static void Write(string path, Tensor array)
    {
        var type = Types.FirstOrDefault(t => t.Type == array.dtype);
        if (type.Descr is null)
            throw new ArgumentException($"cannot write {array.dtype} to .npy; convert to float32, float64 or int64 first");
        using var cpu = array.cpu().contiguous();
        var shape = cpu.shape.Length == 1 ? $"({cpu.shape[0]},)" : $"({string.Join(", ", cpu.shape)})";
        var dict = $"{{'descr': '{type.Descr}', 'fortran_order': False, 'shape': {shape}, }}";
        int unpadded = Magic.Length + 4 + dict.Length + 1;
        var header = dict + new string(' ', (64 - unpadded % 64) % 64) + "\n";   // data aligned to 64 bytes
        using var stream = File.Create(path);
        stream.Write(Magic);
        stream.Write([1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.Latin1.GetBytes(header));
        stream.Write(cpu.bytes);
    }

    private static int ElementSize(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        _ => 1,
    };

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
