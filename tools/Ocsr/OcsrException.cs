namespace Sieve.Ocsr;

/// <summary>An image that cannot be read at all (missing, undecodable). A drawing that decodes but holds no
/// readable structure is not an exception: it is an <see cref="OcsrResult"/> with a failure reason.</summary>
public sealed class OcsrException(string image, string problem) : Exception($"{image}: {problem}")
{
    public string Image { get; } = image;
    public string Problem { get; } = problem;
}
