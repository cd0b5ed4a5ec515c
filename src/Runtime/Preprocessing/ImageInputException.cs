namespace Sieve.Runtime.Preprocessing;

/// <summary>An image given to the runtime cannot be used; the message names the image and the problem.</summary>
public sealed class ImageInputException : Exception
{
    public ImageInputException(string source, string problem, Exception? inner = null)
        : base($"{source}: {problem}", inner)
    {
        Source = source;
    }

    /// <summary>The file name or description of the image.</summary>
    public new string Source { get; }
}
