using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Sieve.Runtime.Native;

/// <summary>One entry of an ELF64 section header table (only the fields the version reader needs).</summary>
internal readonly record struct ElfSection(int Index, uint Type, long Offset, long Size, uint Link, uint Info);

/// <summary>
/// Read-only view of a little-endian ELF64 file: header, section headers and the bytes of chosen sections.
/// Reads by offset instead of loading the file, because libtorch's shared objects are hundreds of MB.
/// Every offset and size taken from the file is checked against the file length before use, so a truncated
/// or hostile file ends in <see cref="ElfFormatException"/>, never in an index or overflow error.
/// </summary>
internal sealed class ElfImage : IDisposable
{
    public const uint ShtNoBits = 8;
    public const uint ShtGnuVerDef = 0x6ffffffd;
    public const uint ShtGnuVerNeed = 0x6ffffffe;

    private const int HeaderSize = 64;
    private const int SectionHeaderSize = 64;
    // No section the version reader needs comes near this; it bounds what a corrupt header can make us allocate.
    private const long MaxSectionRead = 64L * 1024 * 1024;

    private readonly SafeFileHandle _handle;

    private ElfImage(string path, SafeFileHandle handle, long length)
    {
        FilePath = path;
        _handle = handle;
        Length = length;
        Sections = [];
    }

    public string FilePath { get; }
    public long Length { get; }
    public IReadOnlyList<ElfSection> Sections { get; private set; }

    /// <summary>Opens <paramref name="path"/> and validates the ELF header and section header table.</summary>
    public static ElfImage Open(string path)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var image = new ElfImage(path, handle, RandomAccess.GetLength(handle));
        try
        {
            image.ReadHeaders();
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    public void Dispose() => _handle.Dispose();

    public ElfFormatException Error(string problem) => new(FilePath, problem);

    /// <summary>The first section of the given type, or null when the file has none.</summary>
    public ElfSection? FindSection(uint type)
    {
        foreach (var s in Sections)
        {
            if (s.Type == type)
                return s;
        }
        return null;
    }

    public ElfSection SectionAt(uint index, string role)
    {
        if (index >= Sections.Count)
            throw Error($"{role} refers to section {index}, but the file has only {Sections.Count} sections");
        return Sections[(int)index];
    }

    /// <summary>The file bytes of a section, checked to lie inside the file.</summary>
    public byte[] ReadSection(ElfSection section)
    {
        if (section.Type == ShtNoBits)
            throw Error($"section {section.Index} occupies no file space");
        if (section.Size > MaxSectionRead)
            throw Error($"section {section.Index} claims {section.Size} bytes, more than any version table needs");
        var bytes = new byte[section.Size];
        ReadExactly(section.Offset, bytes, $"section {section.Index}");
        return bytes;
    }

    /// <summary>A NUL-terminated name from a string table section's bytes.</summary>
    public string StringAt(byte[] strtab, uint offset, string role)
    {
        if (offset >= strtab.Length)
            throw Error($"{role} name offset {offset} lies outside the string table ({strtab.Length} bytes)");
        int end = Array.IndexOf(strtab, (byte)0, (int)offset);
        if (end < 0)
            throw Error($"{role} name at string table offset {offset} is not NUL-terminated");
        return Encoding.UTF8.GetString(strtab, (int)offset, end - (int)offset);
    }

    private void ReadHeaders()
    {
        if (Length < 4)
            throw Error($"not an ELF file (only {Length} bytes)");
        Span<byte> h = stackalloc byte[HeaderSize];
        int got = RandomAccess.Read(_handle, h, 0);
        if (h[0] != 0x7f || h[1] != (byte)'E' || h[2] != (byte)'L' || h[3] != (byte)'F')
            throw Error("not an ELF file (no \\x7fELF magic)");
        if (got < HeaderSize)
            throw Error($"truncated ELF header ({got} of {HeaderSize} bytes)");
        switch (h[4])
        {
            case 1: throw Error("32-bit ELF (ELFCLASS32); only 64-bit ELF is supported");
            case 2: break;
            default: throw Error($"unknown ELF class {h[4]}");
        }
        if (h[5] == 2)
            throw Error("big-endian ELF; only little-endian ELF is supported");
        if (h[5] != 1)
            throw Error($"unknown ELF data encoding {h[5]}");

        ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(h[0x28..]);
        ushort shentsize = BinaryPrimitives.ReadUInt16LittleEndian(h[0x3a..]);
        uint shnum = BinaryPrimitives.ReadUInt16LittleEndian(h[0x3c..]);
        if (shoff == 0)
            return; // no section header table (stripped to the bone): no version sections either.
        if (shentsize != SectionHeaderSize)
            throw Error($"section header entry size is {shentsize}, expected {SectionHeaderSize}");
        if (shoff > (ulong)Length)
            throw Error($"section header table offset {shoff} lies past the end of the file ({Length} bytes); truncated?");

        Span<byte> sh = stackalloc byte[SectionHeaderSize];
        if (shnum == 0)
        {
            // Extended numbering: the real count sits in section 0's sh_size.
            ReadExactly((long)shoff, sh, "section header 0");
            ulong real = BinaryPrimitives.ReadUInt64LittleEndian(sh[32..]);
            if (real > (ulong)Length / SectionHeaderSize)
                throw Error($"section count {real} cannot fit in the file");
            shnum = (uint)real;
        }
        if ((ulong)shnum * SectionHeaderSize > (ulong)Length - shoff)
            throw Error($"section header table ({shnum} entries at offset {shoff}) runs past the end of the file ({Length} bytes); truncated?");

        var table = new byte[shnum * SectionHeaderSize];
        ReadExactly((long)shoff, table, "section header table");
        var sections = new ElfSection[shnum];
        for (int i = 0; i < shnum; i++)
        {
            var e = table.AsSpan(i * SectionHeaderSize, SectionHeaderSize);
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(e[4..]);
            ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(e[24..]);
            ulong size = BinaryPrimitives.ReadUInt64LittleEndian(e[32..]);
            if (type != ShtNoBits && type != 0 && (offset > (ulong)Length || size > (ulong)Length - offset))
                throw Error($"section {i} (offset {offset}, size {size}) runs past the end of the file ({Length} bytes); truncated?");
            sections[i] = new ElfSection(i, type, (long)offset, (long)size,
                BinaryPrimitives.ReadUInt32LittleEndian(e[40..]), BinaryPrimitives.ReadUInt32LittleEndian(e[44..]));
        }
        Sections = sections;
    }

    private void ReadExactly(long offset, Span<byte> into, string what)
    {
        int total = 0;
        while (total < into.Length)
        {
            int n = RandomAccess.Read(_handle, into[total..], offset + total);
            if (n == 0)
                throw Error($"{what} is cut short at byte {offset + total} (file has {Length} bytes); truncated?");
            total += n;
        }
    }
}
