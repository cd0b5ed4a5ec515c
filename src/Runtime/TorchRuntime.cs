using System.Runtime.InteropServices;
using Sieve.Runtime.Native;

namespace Sieve.Runtime;

/// <summary>Process-wide preparation of TorchSharp's native libraries.</summary>
public static class TorchRuntime
{
    private static readonly Lock s_gate = new();
    private static IReadOnlyList<NativeFixResult>? s_done;

    /// <summary>
    /// Call before the first TorchSharp call of the process. On Linux x64 with a libstdc++ older than GCC 13 it
    /// patches each copy of libLibTorchSharp.so that TorchSharp's loader may pick (see <see cref="LoadCandidates"/>)
    /// so that loading succeeds; elsewhere it does nothing. Thread-safe; the work is done once per process (a failed
    /// attempt throws and is retried by the next call). Returns what was done, for logging.
    /// </summary>
    /// <exception cref="TorchRuntimeException">A copy could not be patched (read-only install, corrupt file).</exception>
    public static IReadOnlyList<NativeFixResult> EnsureLoadable()
    {
        lock (s_gate)
        {
            if (s_done is not null)
                return s_done;
            IReadOnlyList<NativeFixResult> results = [];
            if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64
                && TorchNativeFixup.IsNeeded)
            {
                var candidates = LoadCandidates();
                try
                {
                    results = TorchNativeFixup.PatchInstalledCopies(candidates);
                }
                catch (ElfFormatException e)
                {
                    throw new TorchRuntimeException(
                        $"TorchSharp's native library is damaged or not a Linux x64 build ({e.Message}). "
                        + "Delete the build output (or reinstall) and rebuild.", e);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new TorchRuntimeException(
                        $"TorchSharp's {TorchNativeFixup.LibraryFileName} needs {TorchNativeFixup.MissingVersion}, which this "
                        + "system's libstdc++ lacks, and a copy could not be patched (" + e.Message + "). "
                        + "Run `sieve setup` as a user who may write the application directory.", e);
                }
            }
            s_done = results;
            return results;
        }
    }

    /// <summary>
    /// The copies of libLibTorchSharp.so this process may load, in the order TorchSharp 0.107 tries them:
    /// 1. <c>NativeLibrary.TryLoad("LibTorchSharp", TorchSharp assembly)</c> probes the host's native search
    ///    directories (for a build or publish output: <c>runtimes/linux-x64/native</c> under the app base, where the
    ///    SDK copies the package's native assets), then the TorchSharp assembly's directory.
    /// 2. Failing that, TorchSharp copies the natives from the NuGet global packages folder
    ///    (<c>torchsharp/VERSION/runtimes/linux-x64/native</c>) into <c>cpu/</c> or <c>cuda-*/</c> next to its
    ///    assembly and loads from there. Existing consolidated copies are returned; the NuGet copy is returned only
    ///    when no app-local copy exists, because only then is it the one that ends up loaded.
    /// </summary>
    public static IReadOnlyList<string> LoadCandidates()
    {
        var dirs = new List<string>();
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirs)
            dirs.AddRange(searchDirs.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        dirs.Add(AppContext.BaseDirectory);
        dirs.Add(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native"));
        var torchDir = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location);
        if (!string.IsNullOrEmpty(torchDir))
        {
            dirs.Add(torchDir);
            dirs.Add(Path.Combine(torchDir, "runtimes", "linux-x64", "native"));
            dirs.Add(Path.Combine(torchDir, "cpu"));
            if (Directory.Exists(torchDir))
                dirs.AddRange(Directory.EnumerateDirectories(torchDir, "cuda-*"));
        }

        var found = new List<string>();
        foreach (var dir in dirs)
        {
            var file = Path.GetFullPath(Path.Combine(dir, TorchNativeFixup.LibraryFileName));
            if (File.Exists(file) && !found.Contains(file, StringComparer.Ordinal))
                found.Add(file);
        }
        if (found.Count == 0)
        {
            var fromNuGet = Path.Combine(TorchNativeFixup.NuGetPackagesFolder(), "torchsharp",
                TorchNativeFixup.TorchSharpPackageVersion(), "runtimes", "linux-x64", "native", TorchNativeFixup.LibraryFileName);
            if (File.Exists(fromNuGet))
                found.Add(fromNuGet);
        }
        return found;
    }
}
