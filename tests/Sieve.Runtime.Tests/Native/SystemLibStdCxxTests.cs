using Sieve.Runtime.Native;

namespace Sieve.Runtime.Tests.Native;

public sealed class SystemLibStdCxxTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_libstdcxx_of_this_process_is_the_one_mapped_into_it()
    {
        var located = SystemLibStdCxx.Locate();
        Assert.NotNull(located);
        Assert.Contains(File.ReadLines("/proc/self/maps"), l => l.EndsWith(" " + located, StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_the_path_column_of_a_maps_listing_including_paths_with_spaces()
    {
        var lib = Path.Combine(Directory.CreateDirectory(Path.Combine(_dir.Path, "odd dir")).FullName, "libstdc++.so.6.0.33");
        File.WriteAllText(lib, "");
        var maps = _dir.File("maps");
        File.WriteAllLines(maps,
        [
            "55d0c1a00000-55d0c1a21000 rw-p 00000000 00:00 0                          [heap]",
            "7f1c2a000000-7f1c2a021000 r--p 00000000 fd:01 1234                       /usr/lib/x86_64-linux-gnu/libm.so.6",
            $"7f1c2b000000-7f1c2b0a0000 r--p 00000000 fd:01 5678                       {lib}",
        ]);
        Assert.Equal(lib, SystemLibStdCxx.FromProcessMaps(maps));
        Assert.Null(SystemLibStdCxx.FromProcessMaps(_dir.File("absent")));
    }
}
