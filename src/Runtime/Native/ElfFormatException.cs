namespace Sieve.Runtime.Native;

/// <summary>
/// A file handed to the ELF reader is not a well-formed little-endian ELF64 object (or is cut short).
/// The message always names the file, because the caller usually patches several copies in one go.
/// </summary>
public sealed class ElfFormatException : IOException
{
    public ElfFormatException(string filePath, string problem)
        : base($"'{filePath}': {problem}")
    {
        FilePath = filePath;
    }

    /// <summary>The file that could not be read.</summary>
    public string FilePath { get; }
}
