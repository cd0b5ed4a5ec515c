using CsCheck;
using Sieve.Runtime.Native;

namespace Sieve.Runtime.Tests.Native;

public sealed class ElfVersionNeedsTests : IDisposable
{
    private const string Target = TorchNativeFixup.MissingVersion;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Lists_the_version_needs_of_the_real_library_as_readelf_does()
    {
        var needs = ElfVersionNeeds.Read(PristineLibrary.CopyTo(_dir.Path));

        // readelf -V: 5 files, 28 versions; libstdc++.so.6 alone contributes 20, GLIBCXX_3.4.32 among them, strong.
        Assert.Equal(28, needs.Count);
        Assert.Equal(["ld-linux-x86-64.so.2", "libm.so.6", "libgcc_s.so.1", "libc.so.6", "libstdc++.so.6"],
            needs.Select(n => n.Library).Distinct());
        Assert.Equal(20, needs.Count(n => n.Library == "libstdc++.so.6"));
        var target = Assert.Single(needs, n => n.Version == Target);
        Assert.Equal("libstdc++.so.6", target.Library);
        Assert.False(target.IsWeak);
        Assert.Contains(needs, n => n.Library == "libc.so.6" && n.Version == "GLIBC_2.34");
        Assert.DoesNotContain(needs, n => n.IsWeak);
    }

    [Fact]
    public void Marking_weak_changes_only_the_flag_bytes_and_keeps_the_file_mode()
    {
        var path = PristineLibrary.CopyTo(_dir.Path);
        var mode = File.GetUnixFileMode(path);
        var flagsAt = ElfVersionNeeds.Read(path).Single(n => n.Version == Target).FlagsFileOffset;

        Assert.Equal(WeakMarkOutcome.Patched, ElfVersionNeeds.MarkWeak(path, Target));

        var before = PristineLibrary.Bytes;
        var after = File.ReadAllBytes(path);
        Assert.Equal(before.Length, after.Length);
        var changed = new List<int>();
        for (int i = 0; i < before.Length; i++)
        {
            if (before[i] != after[i])
                changed.Add(i);
        }
        Assert.Equal([(int)flagsAt], changed); // vna_flags is little-endian: only its low byte gains VER_FLG_WEAK.
        Assert.Equal(before[flagsAt] | ElfVersionNeeds.WeakFlag, after[flagsAt]);
        Assert.Equal(mode, File.GetUnixFileMode(path));
        Assert.Single(Directory.GetFiles(_dir.Path)); // no temporary file left behind

        var needs = ElfVersionNeeds.Read(path);
        Assert.True(needs.Single(n => n.Version == Target).IsWeak);
        Assert.Single(needs, n => n.IsWeak);
    }

    [Fact]
    public void Marking_weak_again_leaves_the_file_untouched()
    {
        var path = PristineLibrary.CopyTo(_dir.Path);
        ElfVersionNeeds.MarkWeak(path, Target);
        var patched = File.ReadAllBytes(path);
        var stamp = File.GetLastWriteTimeUtc(path);

        Assert.Equal(WeakMarkOutcome.AlreadyWeak, ElfVersionNeeds.MarkWeak(path, Target));
        Assert.Equal(patched, File.ReadAllBytes(path));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void A_version_the_file_does_not_need_is_reported_and_nothing_is_written()
    {
        var path = PristineLibrary.CopyTo(_dir.Path);
        Assert.Equal(WeakMarkOutcome.NotRequired, ElfVersionNeeds.MarkWeak(path, "GLIBCXX_9.9.99"));
        Assert.Equal(PristineLibrary.Bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void Reads_the_versions_the_system_libstdcxx_defines()
    {
        var libstdcxx = SystemLibStdCxx.Locate();
        Assert.NotNull(libstdcxx);
        var defined = ElfVersionNeeds.ReadDefinitions(libstdcxx);
        Assert.Contains("GLIBCXX_3.4", defined);
        Assert.Contains("CXXABI_1.3", defined);
        Assert.Contains("GLIBCXX_3.4.29", defined); // libtorch needs it; every supported distro has it
        Assert.Equal(!defined.Contains(Target), TorchNativeFixup.IsNeeded);
        // The library defines no versions of its own.
        Assert.Empty(ElfVersionNeeds.ReadDefinitions(PristineLibrary.CopyTo(_dir.Path)));
    }

    [Fact]
    public void A_text_file_is_refused_naming_the_file()
    {
        var path = _dir.File("notes.txt");
        File.WriteAllText(path, "these are not the bytes you are looking for\n");
        var e = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message);
        Assert.Contains("not an ELF file", e.Message);
    }

    [Theory]
    [InlineData(0, "not an ELF file")]
    [InlineData(3, "not an ELF file")]
    [InlineData(40, "truncated ELF header")]
    [InlineData(4096, "truncated")]
    [InlineData(2_000_000, "truncated")]
    public void A_truncated_library_is_refused_naming_the_file(int keep, string expected)
    {
        var path = _dir.File("cut.so");
        File.WriteAllBytes(path, PristineLibrary.Bytes.AsSpan(0, keep).ToArray());
        var e = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.MarkWeak(path, Target));
    }

    [Theory]
    [InlineData(4, 1, "32-bit")]
    [InlineData(5, 2, "big-endian")]
    [InlineData(4, 7, "unknown ELF class")]
    public void Other_ELF_flavours_are_refused(int index, byte value, string expected)
    {
        var bytes = PristineLibrary.Bytes.ToArray();
        bytes[index] = value;
        var path = _dir.File("odd.so");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_version_record_pointing_outside_its_section_is_refused()
    {
        var path = PristineLibrary.CopyTo(_dir.Path);
        var first = ElfVersionNeeds.Read(path)[0];
        // The first Verneed's vn_aux sits 12 bytes before its first Vernaux's flags (Verneed 16 bytes, flags at +4).
        var bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(0x7fff_fff0u).CopyTo(bytes, first.FlagsFileOffset - 12);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.Read(path));
        Assert.Contains("runs past the section", e.Message);
    }

    [Fact]
    public void Corrupted_headers_and_version_tables_never_fail_with_anything_but_ElfFormatException()
    {
        var original = PristineLibrary.Bytes;
        var path = PristineLibrary.CopyTo(_dir.Path);
        var verneed = ElfVersionNeeds.Read(path)[0].FlagsFileOffset - 20; // start of .gnu.version_r
        long shoff = BitConverter.ToInt64(original, 0x28);
        // Damage where the reader looks: the ELF header, the section headers, and the version table.
        var where = Gen.OneOf(Gen.Int[0, 63], Gen.Long[shoff, original.Length - 1].Select(l => (int)l),
            Gen.Int[(int)verneed, (int)verneed + 0x210]);
        Gen.Select(where, Gen.Byte).Array[1, 8].Sample(edits =>
        {
            // Damage the file in place and repair it afterwards: cheaper than rewriting 2 MB per case.
            using (var f = File.OpenHandle(path, FileMode.Open, FileAccess.Write))
            {
                foreach (var (at, value) in edits)
                    RandomAccess.Write(f, new[] { value }, at);
            }
            try
            {
                ElfVersionNeeds.Read(path);
            }
            catch (ElfFormatException)
            {
            }
            finally
            {
                using var f = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
                foreach (var (at, _) in edits)
                    RandomAccess.Write(f, original.AsSpan(at, 1), at);
            }
        }, iter: 200, threads: 1); // one shared file: cases must not overlap
    }
}
