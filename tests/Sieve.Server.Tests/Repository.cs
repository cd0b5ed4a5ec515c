namespace Sieve.Server.Tests;

/// <summary>Where the tests find the repository's files: the folder holding Agents.sln above the test assembly.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Patent(string name) => Path.Combine(Root, "samples", "patents", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Agents.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Agents.sln above {AppContext.BaseDirectory}: tests run inside the repository");
    }
}
