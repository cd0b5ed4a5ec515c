using System.Reflection;

namespace Sieve.Runtime.Native;

/// <summary>What happened to one copy of libLibTorchSharp.so.</summary>
public enum NativeFixOutcome
{
    /// <summary>The copy required GLIBCXX_3.4.32 strongly; it now requires it weakly.</summary>
    Patched,
    /// <summary>The copy was patched before (by an earlier run or by <c>sieve setup</c>); left alone.</summary>
    AlreadyPatched,
    /// <summary>Left alone: this system's libstdc++ defines the version, or the copy does not require it.</summary>
    NotNeeded,
}

/// <summary>One copy of libLibTorchSharp.so and what the fixup did to it.</summary>
public sealed record NativeFixResult(string Path, NativeFixOutcome Outcome);

/// <summary>
/// Makes TorchSharp 0.107's native glue library loadable on systems whose libstdc++ predates GLIBCXX_3.4.32
/// (GCC 13), such as Debian 12. See src/Runtime/README.md for the why and which copies get patched.
/// </summary>
public static class TorchNativeFixup
{
    /// <summary>The native library TorchSharp P/Invokes into (the only file in the packages that needs the fix).</summary>
    public const string LibraryFileName = "libLibTorchSharp.so";

    /// <summary>The libstdc++ symbol version it requires for std::ios_base_library_init alone.</summary>
    public const string MissingVersion = "GLIBCXX_3.4.32";

    private static readonly Lazy<bool> s_needed = new(ComputeNeeded);

    /// <summary>
    /// True on Linux when the libstdc++ this process binds to lacks <see cref="MissingVersion"/> (or cannot be
    /// found), i.e. when an unpatched copy would fail to load.
    /// </summary>
    public static bool IsNeeded => s_needed.Value;

    /// <summary>
    /// Patches every libLibTorchSharp.so under the given roots (directories are searched recursively; a root that is
    /// a file is taken as a copy to patch; missing roots are skipped). Does nothing to any file when
    /// <see cref="IsNeeded"/> is false. Safe to run repeatedly and concurrently with other processes.
    /// </summary>
    /// <exception cref="ElfFormatException">A file of that name is not a readable ELF64 object.</exception>
    /// <exception cref="IOException">A copy could not be replaced (e.g. a read-only directory).</exception>
    /// <exception cref="UnauthorizedAccessException">Likewise, for lack of permission.</exception>
    public static IReadOnlyList<NativeFixResult> PatchInstalledCopies(IEnumerable<string> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var results = new List<NativeFixResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            foreach (var file in CopiesUnder(root))
            {
                var real = RealPath(file);
                if (seen.Add(real))
                    results.Add(PatchCopy(real));
            }
        }
        return results;
    }

    /// <summary>
    /// The roots <c>sieve setup</c> should patch: the TorchSharp package folder of the NuGet global packages folder
    /// (what every later build copies into its output, and what TorchSharp's own fallback loader copies from) and
    /// this application's base directory (the copy the running app loads).
    /// </summary>
    public static IReadOnlyList<string> DefaultRoots() =>
        [Path.Combine(NuGetPackagesFolder(), "torchsharp"), AppContext.BaseDirectory];

    /// <summary>Patches one copy if this system needs it.</summary>
    internal static NativeFixResult PatchCopy(string path)
    {
        if (!IsNeeded)
            return new NativeFixResult(path, NativeFixOutcome.NotNeeded);
        var outcome = ElfVersionNeeds.MarkWeak(path, MissingVersion) switch
        {
            WeakMarkOutcome.Patched => NativeFixOutcome.Patched,
            WeakMarkOutcome.AlreadyWeak => NativeFixOutcome.AlreadyPatched,
            _ => NativeFixOutcome.NotNeeded,
        };
        return new NativeFixResult(path, outcome);
    }

    /// <summary>NuGet's global packages folder the same way TorchSharp's loader finds it.</summary>
    internal static string NuGetPackagesFolder()
    {
        var env = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        return string.IsNullOrEmpty(env)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages")
            : env;
    }

    /// <summary>The NuGet package version of the TorchSharp assembly in use, e.g. "0.107.0".</summary>
    internal static string TorchSharpPackageVersion()
    {
        var asm = typeof(TorchSharp.torch).Assembly;
        var info = asm.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = info is null ? asm.GetName().Version!.ToString(3) : info.Split('+')[0];
        return version;
    }

    /// <summary>A symlinked copy is patched where it really lives (renaming over the link would replace it).</summary>
    internal static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
    }

    private static IEnumerable<string> CopiesUnder(string root)
    {
        if (File.Exists(root))
            return [root];
        if (!Directory.Exists(root))
            return [];
        return Directory.EnumerateFiles(root, LibraryFileName, new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            MatchCasing = MatchCasing.CaseSensitive,
            // Do not walk into symlinked directories (loops, or trees that are not ours); hidden ones are fine.
            AttributesToSkip = FileAttributes.ReparsePoint,
        });
    }

    private static bool ComputeNeeded()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        var libstdcxx = SystemLibStdCxx.Locate();
        // Not finding libstdc++ at all is odd; a weak need is harmless where the version exists, so patch.
        return libstdcxx is null || !SystemLibStdCxx.Defines(libstdcxx, MissingVersion);
    }
}
