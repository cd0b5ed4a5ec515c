namespace Sieve.Cli.Io;

/// <summary>Opens the FILE|- argument every line-oriented command takes: a path, or stdin for "-" or none.</summary>
public static class InputSource
{
    /// <summary>Returns a reader and, for files, the length in bytes (for progress); throws
    /// <see cref="CliInputException"/> naming the path when it cannot be opened.</summary>
    public static (TextReader Reader, long? Length) Open(string? path, Terminal terminal)
    {
        if (string.IsNullOrEmpty(path) || path == "-")
            return (terminal.In, null);
        if (Directory.Exists(path))
            throw new CliInputException($"{path}: is a directory, expected a file");
        if (!File.Exists(path))
            throw new CliInputException($"{path}: no such file");
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return (new StreamReader(stream), stream.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{path}: cannot be read ({e.Message})");
        }
    }
}

/// <summary>An argument or input the user must fix; printed without a stack trace, exit code 1.</summary>
public sealed class CliInputException(string message) : Exception(message);
