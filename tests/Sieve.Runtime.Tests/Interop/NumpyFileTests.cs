using Sieve.Runtime.Interop;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Interop;

/// <summary>The .npy files under data/ were written by NumPy 1.24 (np.save).</summary>
public sealed class NumpyFileTests
{
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Interop", "data", name);

    public NumpyFileTests() => TorchRuntime.EnsureLoadable();

    [Fact]
    public void Reads_numpy_float32_int64_and_scalar_arrays()
    {
        using var f = NumpyFile.Read(Data("f32_2x3.npy"));
        Assert.Equal(ScalarType.Float32, f.dtype);
        Assert.Equal([2L, 3], f.shape);
        Assert.Equal([1.5f, -2, 3, 4, 5e-3f, 6], f.data<float>().ToArray());

        using var i = NumpyFile.Read(Data("i64_3.npy"));
        Assert.Equal([7L, -8, 9_000_000_000], i.data<long>().ToArray());

        using var s = NumpyFile.Read(Data("f64_scalar.npy"));
        Assert.Empty(s.shape);
        Assert.Equal(2.25, s.item<double>());
    }

    [Fact]
    public void Written_files_read_back_identically_and_keep_numpys_header_layout()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sieve-npy-{Guid.NewGuid():N}.npy");
        try
        {
            using var scope = NewDisposeScope();
            var a = arange(24, ScalarType.Float32).reshape(2, 3, 4) / 7;
            NumpyFile.Write(path, a);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(0, (10 + BitConverter.ToUInt16(bytes, 8)) % 64);   // data starts 64-byte aligned, as NumPy writes
            var back = NumpyFile.Read(path);
            Assert.Equal(a.shape, back.shape);
            Assert.True(back.allclose(a, 0, 0));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Fortran_order_and_truncated_files_are_refused_naming_the_file()
    {
        var e = Assert.Throws<InvalidDataException>(() => NumpyFile.Read(Data("fortran.npy")));
        Assert.Contains("fortran.npy: Fortran-order", e.Message);

        var path = Path.Combine(Path.GetTempPath(), $"sieve-npy-{Guid.NewGuid():N}.npy");
        try
        {
            File.WriteAllBytes(path, File.ReadAllBytes(Data("f32_2x3.npy"))[..^4]);
            e = Assert.Throws<InvalidDataException>(() => NumpyFile.Read(path));
            Assert.Contains("needs 24 data bytes but the file has 20", e.Message);
        }
        finally { File.Delete(path); }
    }
}
