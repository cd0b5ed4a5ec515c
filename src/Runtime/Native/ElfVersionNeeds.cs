using System.Buffers.Binary;

namespace Sieve.Runtime.Native;

/// <summary>
/// One symbol version an ELF object requires from a dependency (a Vernaux entry of <c>.gnu.version_r</c>).
/// </summary>
/// <param name="Library">The dependency that must define the version, e.g. <c>libstdc++.so.6</c>.</param>
/// <param name="Version">The version name, e.g. <c>GLIBCXX_3.4.32</c>.</param>
/// <param name="Flags">vna_flags; bit <see cref="ElfVersionNeeds.WeakFlag"/> marks the need weak.</param>
/// <param name="FlagsFileOffset">Where the two vna_flags bytes sit in the file.</param>
internal sealed record VersionNeed(string Library, string Version, ushort Flags, long FlagsFileOffset)
{
    public bool IsWeak => (Flags & ElfVersionNeeds.WeakFlag) != 0;
}

/// <summary>What <see cref="ElfVersionNeeds.MarkWeak"/> did to a file.</summary>
internal enum WeakMarkOutcome
{
    /// <summary>The need was strong; the file now carries it weak.</summary>
    Patched,
    /// <summary>The need was already weak; the file was not touched.</summary>
    AlreadyWeak,
    /// <summary>The file does not require that version at all; it was not touched.</summary>
    NotRequired,
}

/// <summary>
/// Reads the symbol versions an ELF64 object needs (<c>.gnu.version_r</c>) and defines (<c>.gnu.version_d</c>),
/// and can mark a needed version weak.
/// </summary>
/// <remarks>
/// Why weak helps: glibc's loader refuses an object whose strong version need is not defined by the dependency,
/// but only warns (under LD_DEBUG) for a weak one (VER_FLG_WEAK). libLibTorchSharp.so in TorchSharp 0.107 needs
/// GLIBCXX_3.4.32 for a single symbol, std::ios_base_library_init, which GCC 13 headers reference only to pin the
/// iostream initialisation order and which nothing relocates against, so dropping the hard requirement is safe on an
/// older libstdc++ that initialises iostreams itself.
/// </remarks>
internal static class ElfVersionNeeds
{
    public const ushort WeakFlag = 0x2; // VER_FLG_WEAK
    private const int VerneedSize = 16;
    private const int VernauxSize = 16;
    private const int VerdefSize = 20;
    private const int VerdauxSize = 8;

    /// <summary>Every version need of the file, in table order (empty when it has no .gnu.version_r).</summary>
    public static IReadOnlyList<VersionNeed> Read(string path)
    {
        using var image = ElfImage.Open(path);
        return Read(image);
    }

    /// <summary>The version names the file defines (its .gnu.version_d), e.g. GLIBCXX_3.4.30 for libstdc++.</summary>
    public static IReadOnlyList<string> ReadDefinitions(string path)
    {
        using var image = ElfImage.Open(path);
        if (image.FindSection(ElfImage.ShtGnuVerDef) is not { } sec)
            return [];
        var data = image.ReadSection(sec);
        var strtab = image.ReadSection(image.SectionAt(sec.Link, ".gnu.version_d string table link"));
        var names = new List<string>();
        long pos = 0;
        int maxEntries = data.Length / VerdefSize;
        for (int i = 0; sec.Info == 0 || i < sec.Info; i++)
        {
            if (i >= maxEntries || pos + VerdefSize > data.Length)
                throw image.Error($".gnu.version_d entry {i} at offset {pos} runs past the section ({data.Length} bytes)");
            var d = data.AsSpan((int)pos, VerdefSize);
            ushort cnt = BinaryPrimitives.ReadUInt16LittleEndian(d[6..]);
            uint aux = BinaryPrimitives.ReadUInt32LittleEndian(d[12..]);
            uint next = BinaryPrimitives.ReadUInt32LittleEndian(d[16..]);
            if (cnt > 0)
            {
                // The first Verdaux names the version itself; later ones name its parents.
                long a = pos + aux;
                if (a + VerdauxSize > data.Length)
                    throw image.Error($".gnu.version_d entry {i} has its name record outside the section");
                uint name = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)a, 4));
                names.Add(image.StringAt(strtab, name, ".gnu.version_d"));
            }
            if (next == 0)
                break;
            pos += next;
        }
        return names;
    }

    /// <summary>
    /// Marks every need for <paramref name="version"/> weak. The file is replaced atomically: the patched bytes go to a
    /// temporary file in the same directory, which is then renamed over the original, so a process that has the old
    /// file mapped keeps a consistent image and no reader ever sees half a write. Idempotent.
    /// </summary>
    public static WeakMarkOutcome MarkWeak(string path, string version)
    {
        var needs = Read(path).Where(n => n.Version == version).ToList();
        if (needs.Count == 0)
            return WeakMarkOutcome.NotRequired;
        if (needs.All(n => n.IsWeak))
            return WeakMarkOutcome.AlreadyWeak;

        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.Copy(full, temp);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, File.GetUnixFileMode(full));
            using (var handle = File.OpenHandle(temp, FileMode.Open, FileAccess.ReadWrite))
            {
                Span<byte> flags = stackalloc byte[2];
                foreach (var need in needs)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(flags, (ushort)(need.Flags | WeakFlag));
                    RandomAccess.Write(handle, flags, need.FlagsFileOffset);
                }
                RandomAccess.FlushToDisk(handle);
            }
            // Re-read the copy before it replaces the original: the patch must have landed exactly where meant.
            if (!Read(temp).Where(n => n.Version == version).All(n => n.IsWeak))
                throw new ElfFormatException(full, $"patched copy does not read back with {version} weak");
            File.Move(temp, full, overwrite: true);
            return WeakMarkOutcome.Patched;
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    private static List<VersionNeed> Read(ElfImage image)
    {
        var needs = new List<VersionNeed>();
        if (image.FindSection(ElfImage.ShtGnuVerNeed) is not { } sec)
            return needs;
        var data = image.ReadSection(sec);
        var strtab = image.ReadSection(image.SectionAt(sec.Link, ".gnu.version_r string table link"));
        // Each record is at least 16 bytes, so a well-formed section cannot hold more; this also stops next-loops.
        int budget = data.Length / VernauxSize;
        long pos = 0;
        for (int i = 0; sec.Info == 0 || i < sec.Info; i++)
        {
            if (--budget < 0 || pos + VerneedSize > data.Length)
                throw image.Error($".gnu.version_r entry {i} at offset {pos} runs past the section ({data.Length} bytes)");
            var n = data.AsSpan((int)pos, VerneedSize);
            ushort vnVersion = BinaryPrimitives.ReadUInt16LittleEndian(n);
            if (vnVersion != 1)
                throw image.Error($".gnu.version_r entry {i} has revision {vnVersion}, expected 1");
            ushort cnt = BinaryPrimitives.ReadUInt16LittleEndian(n[2..]);
            string library = image.StringAt(strtab, BinaryPrimitives.ReadUInt32LittleEndian(n[4..]), ".gnu.version_r file");
            uint aux = BinaryPrimitives.ReadUInt32LittleEndian(n[8..]);
            uint next = BinaryPrimitives.ReadUInt32LittleEndian(n[12..]);

            long a = pos + aux;
            for (int j = 0; j < cnt; j++)
            {
                if (--budget < 0 || a + VernauxSize > data.Length)
                    throw image.Error($".gnu.version_r entry {i} ({library}) record {j} at offset {a} runs past the section ({data.Length} bytes)");
                var x = data.AsSpan((int)a, VernauxSize);
                ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(x[4..]);
                string name = image.StringAt(strtab, BinaryPrimitives.ReadUInt32LittleEndian(x[8..]), ".gnu.version_r version");
                needs.Add(new VersionNeed(library, name, flags, sec.Offset + a + 4));
                uint auxNext = BinaryPrimitives.ReadUInt32LittleEndian(x[12..]);
                if (auxNext == 0 && j + 1 < cnt)
                    throw image.Error($".gnu.version_r entry {i} ({library}) promises {cnt} versions but ends after {j + 1}");
                a += auxNext;
            }
            if (next == 0)
                break;
            pos += next;
        }
        return needs;
    }
}
