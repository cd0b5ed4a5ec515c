namespace Sieve.Cli.Tests;

/// <summary>Where the tests find the repository's files: the folder holding Agents.sln above the test assembly.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The sieve.dll built in the same configuration as this test assembly.</summary>
    public static string SieveDll
    {
        get
        {
            var config = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(Root, "src", "Cli", "bin", config, "net10.0", "sieve.dll");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Agents.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Agents.sln above {AppContext.BaseDirectory}: tests run inside the repository");
    }
}
