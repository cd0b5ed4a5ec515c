using static TorchSharp.torch;

namespace Sieve.Runtime.Loading;

/// <summary>One tensor as a safetensors header describes it.</summary>
/// <param name="Name">The tensor's name in the checkpoint (<c>language_model.model.norm.weight</c>).</param>
/// <param name="DType">The dtype as written on disk (<c>BF16</c>).</param>
/// <param name="ScalarType">The TorchSharp type of <paramref name="DType"/>.</param>
/// <param name="Shape">The shape; empty for a scalar.</param>
/// <param name="File">The .safetensors file that holds it.</param>
/// <param name="DataBegin">Offset of the first byte, from the start of the file's data area.</param>
/// <param name="ByteLength">Number of bytes (elements × element size).</param>
public sealed record SafetensorsTensorInfo(
    string Name, string DType, ScalarType ScalarType, long[] Shape, string File, long DataBegin, long ByteLength)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public string ShapeText => FormatShape(Shape);

    public static string FormatShape(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";
}
