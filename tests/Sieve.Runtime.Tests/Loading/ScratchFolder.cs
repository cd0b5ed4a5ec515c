namespace Sieve.Runtime.Tests.Loading;

/// <summary>A temporary folder removed when the test ends.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder() => Path = Directory.CreateTempSubdirectory("sieve-runtime-").FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // a mapping still open on a failed test must not hide its real failure
    }
}
