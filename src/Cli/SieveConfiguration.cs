using Microsoft.Extensions.Configuration;

namespace Sieve.Cli;

/// <summary>Settings: appsettings.json at the repository root (or beside the binary), then environment variables
/// with the <c>SIEVE_</c> prefix and <c>__</c> for sections (<c>SIEVE_Runtime__Device=cuda</c>) override it.</summary>
public static class SieveConfiguration
{
    public static IConfiguration Load(string? basePath = null)
    {
        var builder = new ConfigurationBuilder();
        var file = FindSettingsFile(basePath ?? AppContext.BaseDirectory);
        if (file is not null)
            builder.AddJsonFile(file, optional: false, reloadOnChange: false);
        return builder.AddEnvironmentVariables("SIEVE_").Build();
    }

    /// <summary>A path from the settings, absolute: relative paths are taken from the folder of appsettings.json (so
    /// every working folder means the same place), or from the current folder where there is no settings file.</summary>
    public static string ResolvePath(string path)
    {
        var settingsFile = FindSettingsFile(AppContext.BaseDirectory);
        var root = settingsFile is not null ? Path.GetDirectoryName(settingsFile)! : Directory.GetCurrentDirectory();
        return Path.GetFullPath(path, root);
    }

    /// <summary>The nearest appsettings.json at or above <paramref name="start"/> (the binary sits under the repo).</summary>
    internal static string? FindSettingsFile(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "appsettings.json");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
