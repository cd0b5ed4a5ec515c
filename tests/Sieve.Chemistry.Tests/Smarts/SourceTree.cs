namespace Sieve.Chemistry.Tests.Smarts;

/// <summary>Test data kept next to the SMARTS/substructure tests (not in the project's copied Data/ tree),
/// found by walking up from the test binaries to the source tree.</summary>
internal static class SourceTree
{
    public static string File(string relativeToTestProject)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Sieve.Chemistry.Tests", relativeToTestProject);
            if (System.IO.File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"cannot find tests/Sieve.Chemistry.Tests/{relativeToTestProject} above {AppContext.BaseDirectory}");
    }
}
