using Sieve.Runtime.Native;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests;

/// <summary>TorchSharp really loads and computes after the bootstrap; no TorchSharp call precedes EnsureLoadable.</summary>
public sealed class TorchSmokeTests
{
    private readonly ITestOutputHelper _output;

    public TorchSmokeTests(ITestOutputHelper output)
    {
        _output = output;
        foreach (var r in TorchRuntime.EnsureLoadable())
            _output.WriteLine($"{r.Outcome}: {r.Path}");
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.BFloat16)]
    public void Matmul_on_cpu_gives_the_product(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var a = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3], dtype: dtype, device: CPU);
        var b = tensor(new float[] { 7, 8, 9, 10, 11, 12 }, [3, 2], dtype: dtype, device: CPU);

        var c = matmul(a, b);

        Assert.Equal(dtype, c.dtype);
        Assert.Equal(DeviceType.CPU, c.device_type);
        Assert.Equal([2L, 2L], c.shape);
        Assert.False(c.requires_grad);
        // Small integers are exact in bfloat16 too (8 significant bits cover 154).
        Assert.Equal([58f, 64f, 139f, 154f], c.to_type(ScalarType.Float32).data<float>().ToArray());
    }

    [Fact]
    public void The_loaded_native_library_is_a_bootstrap_candidate_and_patched_when_needed()
    {
        using (NewDisposeScope())
            Assert.Equal(4f, ones(2, 2).sum().item<float>()); // make sure the native library is in

        var loaded = File.ReadLines("/proc/self/maps")
            .Select(l => l.IndexOf('/') is var i and >= 0 ? l[i..] : "")
            .Where(p => Path.GetFileName(p) == TorchNativeFixup.LibraryFileName)
            .Distinct().ToList();
        _output.WriteLine("loaded: " + string.Join(", ", loaded));

        var path = Assert.Single(loaded);
        Assert.Contains(path, TorchRuntime.LoadCandidates());
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", TorchNativeFixup.LibraryFileName), path);
        var need = ElfVersionNeeds.Read(path).Single(n => n.Version == TorchNativeFixup.MissingVersion);
        Assert.Equal(TorchNativeFixup.IsNeeded, need.IsWeak);
    }

    [Fact]
    public void EnsureLoadable_does_its_work_once_for_all_threads()
    {
        var results = new IReadOnlyList<NativeFixResult>[8];
        Parallel.For(0, results.Length, i => results[i] = TorchRuntime.EnsureLoadable());
        Assert.All(results, r => Assert.Same(results[0], r));
    }
}
