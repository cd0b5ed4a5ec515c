using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Loading;

/// <summary>Raw byte transfer between memory and contiguous CPU tensors, in chunks a span can address.</summary>
internal static unsafe class TensorBytes
{
    // The mapping is read-only; TorchSharp's setter takes a Span but only reads from it.
    // Spans are int-indexed; big embeddings (128k vocab × 4096 × F32 = 2 GB) are filled through 1 GiB views.
    private const long Chunk = 1L << 30;

    /// <summary>Copies <paramref name="length"/> bytes from <paramref name="source"/> into <paramref name="destination"/>.</summary>
    public static void Fill(Tensor destination, byte* source, long length)
    {
        if (destination.device_type != DeviceType.CPU || !destination.is_contiguous())
            throw new ArgumentException("destination must be a contiguous CPU tensor", nameof(destination));
        var elementSize = destination.ElementSize;
        if (destination.NumberOfElements * elementSize != length)
            throw new ArgumentException($"destination holds {destination.NumberOfElements * elementSize} bytes, source {length}");
        if (length == 0)
            return;
        if (length <= Chunk)
        {
            destination.bytes = new Span<byte>(source, (int)length);
            return;
        }
        using var flat = destination.view(-1);
        var elementsPerChunk = Chunk / elementSize;
        for (long start = 0; start < flat.NumberOfElements; start += elementsPerChunk)
        {
            var count = Math.Min(elementsPerChunk, flat.NumberOfElements - start);
            using var part = flat.narrow(0, start, count);
            part.bytes = new Span<byte>(source + start * elementSize, (int)(count * elementSize));
        }
    }
}
