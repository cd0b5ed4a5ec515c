using Sieve.KernelFunctions.Errors;

namespace Sieve.KernelFunctions.Paths;

/// <summary>The one folder a plugin may read from. Patent text is data: a path a model passes (perhaps copied from
/// a claim) must resolve, after "..", absolute paths and symbolic links, to a place inside this root.</summary>
public sealed class AllowedRoot
{
    private readonly string[] _closed;

    /// <param name="root">The folder tools may read.</param>
    /// <param name="closedFolders">Folders under the root that stay off limits all the same — a server's own data
    /// folder, where other callers' uploads live. They need not exist yet.</param>
    public AllowedRoot(string root, IEnumerable<string>? closedFolders = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"allowed root '{full}' does not exist");
        Root = RealPath(full);
        _closed = (closedFolders ?? []).Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f)))
            .Select(f => Directory.Exists(f) ? RealPath(f) : f).ToArray();
    }

    /// <summary>Absolute, symbolic links resolved.</summary>
    public string Root { get; }

    /// <summary>Resolves <paramref name="path"/> (relative to the root, or absolute) and refuses it, naming
    /// <paramref name="parameter"/>, when it leaves the root or does not exist.</summary>
    public string Resolve(string? path, string parameter)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ToolInputException(parameter, "empty; give a path relative to the allowed root, e.g. 'samples/patents/coxib-diarylpyrazole'");
        if (path.Contains('\0', StringComparison.Ordinal))
            throw new ToolInputException(parameter, "contains a NUL character");
        string full;
        try
        {
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path.Trim(), Root));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ToolInputException(parameter, $"'{path}' is not a usable path ({e.Message})");
        }
        if (!Inside(full))
            throw new ToolInputException(parameter, $"'{path}' is outside the allowed folder; only paths under '{Root}' can be read");
        if (!File.Exists(full) && !Directory.Exists(full))
            throw new ToolInputException(parameter, $"'{path}' does not exist under the allowed folder");
        var real = RealPath(full);
        if (!Inside(real))
            throw new ToolInputException(parameter, $"'{path}' is a link that leads outside the allowed folder");
        if (_closed.Any(c => Under(real, c)))
            throw new ToolInputException(parameter, $"'{path}' is inside a folder closed to tools (the server's data folder)");
        return real;
    }

    private bool Inside(string full) => Under(full, Root);

    private static bool Under(string full, string folder) =>
        string.Equals(full, folder, StringComparison.Ordinal)
        || full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every symbolic link along it resolved (parents first, then the entry itself).</summary>
    private static string RealPath(string full)
    {
        var parent = Path.GetDirectoryName(full);
        var resolvedParent = parent is null ? null : RealPath(parent);
        var current = resolvedParent is null ? full : Path.Combine(resolvedParent, Path.GetFileName(full));
        FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
        if (info.LinkTarget is null) return current;
        var target = info.ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? current : RealPath(Path.TrimEndingDirectorySeparator(target.FullName));
    }
}
