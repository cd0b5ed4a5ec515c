using System.IO.Compression;
using System.Reflection;
using Sieve.Runtime.Native;

namespace Sieve.Runtime.Tests.Native;

/// <summary>
/// Unpatched libLibTorchSharp.so straight from the restored .nupkg: the extracted copies in the NuGet folder and the
/// build output may already be patched (by `sieve setup` or an earlier run), the package archive never is.
/// </summary>
internal static class PristineLibrary
{
    private static readonly Lazy<byte[]> s_bytes = new(Extract);

    public static byte[] Bytes => s_bytes.Value;

    /// <summary>Writes a pristine copy to <paramref name="dir"/> and returns its path.</summary>
    public static string CopyTo(string dir)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, TorchNativeFixup.LibraryFileName);
        File.WriteAllBytes(path, Bytes);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead);
        return path;
    }

    private static byte[] Extract()
    {
        var version = TorchNativeFixup.TorchSharpPackageVersion();
        var root = typeof(PristineLibrary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value;
        if (string.IsNullOrEmpty(root))
            root = TorchNativeFixup.NuGetPackagesFolder();
        var nupkg = Path.Combine(root, "torchsharp", version, $"torchsharp.{version}.nupkg");
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.GetEntry("runtimes/linux-x64/native/" + TorchNativeFixup.LibraryFileName)
            ?? throw new InvalidOperationException($"{nupkg} holds no linux-x64 {TorchNativeFixup.LibraryFileName}");
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}

/// <summary>A scratch directory removed after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sieve-runtime-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
