namespace Sieve.Runtime.Native;

/// <summary>
/// Finds the libstdc++ that a native library loaded into this process will bind to, and the versions it defines.
/// </summary>
internal static class SystemLibStdCxx
{
    // Where Debian, Ubuntu, Fedora and friends keep it when the process has not mapped one yet.
    private static readonly string[] StandardDirectories =
    [
        "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib",
    ];

    /// <summary>
    /// The libstdc++.so.6 of this process. CoreCLR itself links libstdc++, so it is normally already mapped, and the
    /// loader hands that very object (matched by soname) to anything loaded later: /proc/self/maps is the exact
    /// answer. Otherwise the directories the loader would search. Null when none is found.
    /// </summary>
    public static string? Locate()
    {
        if (FromProcessMaps("/proc/self/maps") is { } mapped)
            return mapped;
        var searched = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(StandardDirectories);
        foreach (var dir in searched)
        {
            var candidate = Path.Combine(dir, "libstdc++.so.6");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>The path of the first mapped libstdc++ in a /proc/PID/maps listing, or null.</summary>
    internal static string? FromProcessMaps(string mapsPath)
    {
        if (!File.Exists(mapsPath))
            return null;
        foreach (var line in File.ReadLines(mapsPath))
        {
            // address perms offset dev inode   pathname (the path is the rest of the line and may hold spaces)
            int slash = line.IndexOf('/');
            if (slash < 0)
                continue;
            var path = line[slash..];
            if (Path.GetFileName(path).StartsWith("libstdc++.so", StringComparison.Ordinal) && File.Exists(path))
                return path;
        }
        return null;
    }

    /// <summary>Whether the libstdc++ at <paramref name="path"/> defines <paramref name="version"/>.</summary>
    public static bool Defines(string path, string version) =>
        ElfVersionNeeds.ReadDefinitions(path).Contains(version, StringComparer.Ordinal);
}
