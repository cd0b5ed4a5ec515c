using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Loading;

/// <summary>
/// One .safetensors file, memory-mapped read-only. The header is parsed and checked on open; tensor data is read
/// from the mapping only when a tensor is asked for, straight into the tensor that is returned (or into a
/// destination parameter), so loading a model costs its own size plus at most one tensor, never a copy of the file.
/// Not thread-safe for <see cref="Dispose"/> racing reads; reads themselves may run in parallel.
/// </summary>
public sealed unsafe class SafetensorsFile : IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly long _dataStart;
    private readonly Dictionary<string, SafetensorsTensorInfo> _byName;
    private bool _disposed;

    private SafetensorsFile(string path, MemoryMappedFile map, MemoryMappedViewAccessor view, byte* @base,
        long dataStart, List<SafetensorsTensorInfo> tensors, Dictionary<string, string> metadata)
    {
        Path = path;
        _map = map;
        _view = view;
        _base = @base;
        _dataStart = dataStart;
        Tensors = tensors.OrderBy(t => t.DataBegin).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Metadata = metadata;
    }

    public string Path { get; }

    /// <summary>The header's <c>__metadata__</c> (HF writes <c>{"format":"pt"}</c>); empty when absent.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Every tensor in the file, in data order.</summary>
    public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

    /// <summary>Opens and checks <paramref name="path"/>.</summary>
    /// <exception cref="CheckpointException">Missing, truncated, corrupt header, unsupported dtype.</exception>
    public static SafetensorsFile Open(string path)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("safetensors data is little-endian; this runtime reads it on little-endian machines only");
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
            throw new CheckpointException(path, null, "file not found");
        var length = new FileInfo(path).Length;
        if (length < 8)
            throw new CheckpointException(path, null,
                $"truncated file: {length} bytes, shorter than the 8-byte header length that starts every safetensors file");

        MemoryMappedFile? map = null;
        MemoryMappedViewAccessor? view = null;
        var acquired = false;
        try
        {
            map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* p = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            acquired = true;
            p += view.PointerOffset;

            var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(p, 8));
            if (headerLength > SafetensorsHeader.MaxHeaderBytes)
                throw new CheckpointException(path, null,
                    $"corrupt header: header length {headerLength} exceeds the format's limit of {SafetensorsHeader.MaxHeaderBytes} bytes (not a safetensors file?)");
            if ((long)headerLength > length - 8)
                throw new CheckpointException(path, null,
                    $"truncated file: the header should be {headerLength} bytes but only {length - 8} follow the length field");
            var dataStart = 8 + (long)headerLength;
            var (tensors, metadata) = SafetensorsHeader.Parse(path,
                new ReadOnlySpan<byte>(p + 8, (int)headerLength), length - dataStart);
            var file = new SafetensorsFile(path, map, view, p, dataStart, tensors, metadata);
            return file;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Release(map, view, acquired);
            throw new CheckpointException(path, null, $"cannot be read ({e.Message})", e);
        }
        catch
        {
            Release(map, view, acquired);
            throw;
        }
    }

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The header entry of <paramref name="name"/>.</summary>
    /// <exception cref="CheckpointException">No such tensor in this file.</exception>
    public SafetensorsTensorInfo Info(string name) =>
        _byName.TryGetValue(name, out var info) ? info
            : throw new CheckpointException(Path, name, "missing tensor: the file has no tensor of this name");

    /// <summary>
    /// A new tensor holding <paramref name="name"/>, converted to <paramref name="dtype"/> (default: the dtype on
    /// disk) on <paramref name="device"/> (default: CPU). BF16 and F32 data load bit-exactly when the dtype is kept.
    /// </summary>
    public Tensor Get(string name, ScalarType? dtype = null, Device? device = null)
    {
        var info = Info(name);
        var raw = empty(info.Shape, info.ScalarType, CPU);
        try
        {
            CopyRaw(info, raw);
            var type = dtype ?? info.ScalarType;
            var dev = device ?? CPU;
            if (type == info.ScalarType && dev.type == DeviceType.CPU)
                return raw;
            var converted = raw.to(type, dev);
            raw.Dispose();
            return converted;
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Copies <paramref name="name"/> into <paramref name="destination"/> (a module's parameter), converting dtype and
    /// device as needed. The shapes must be equal. A contiguous CPU destination of the disk dtype is filled straight
    /// from the mapping; otherwise one temporary of this tensor's size is used.
    /// </summary>
    /// <exception cref="CheckpointException">Missing tensor or wrong shape.</exception>
    public void CopyTo(string name, Tensor destination)
    {
        var info = Info(name);
        if (!destination.shape.SequenceEqual(info.Shape))
            throw new CheckpointException(Path, name,
                $"wrong shape: the checkpoint has {info.ShapeText}, the model expects {SafetensorsTensorInfo.FormatShape(destination.shape)}");
        using var noGrad = no_grad();
        if (destination.dtype == info.ScalarType && destination.device_type == DeviceType.CPU && destination.is_contiguous())
        {
            CopyRaw(info, destination);
            return;
        }
        using var raw = Get(name);
        destination.copy_(raw);
    }

    /// <summary>The raw bytes of a tensor, for callers that check or hash data without TorchSharp.</summary>
    public ReadOnlySpan<byte> RawBytes(string name)
    {
        var info = Info(name);
        if (info.ByteLength > int.MaxValue)
            throw new CheckpointException(Path, name, $"tensor of {info.ByteLength} bytes is too large for a span; use Get");
        ThrowIfDisposed();
        return new ReadOnlySpan<byte>(_base + _dataStart + info.DataBegin, (int)info.ByteLength);
    }

    private void CopyRaw(SafetensorsTensorInfo info, Tensor destination)
    {
        ThrowIfDisposed();
        TensorBytes.Fill(destination, _base + _dataStart + info.DataBegin, info.ByteLength);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Release(_map, _view, acquired: true);
    }

    private static void Release(MemoryMappedFile? map, MemoryMappedViewAccessor? view, bool acquired)
    {
        if (acquired)
            view?.SafeMemoryMappedViewHandle.ReleasePointer();
        view?.Dispose();
        map?.Dispose();
    }
}
