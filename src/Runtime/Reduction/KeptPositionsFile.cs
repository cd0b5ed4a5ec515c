using System.Text.Json;

namespace Sieve.Runtime.Reduction;

/// <summary>The <c>--keep</c> / <c>--dump-kept</c> file: a JSON array of absolute image positions (position ids in the
/// expanded prompt), ascending, e.g. <c>[5, 9, 12]</c>.</summary>
public static class KeptPositionsFile
{
    /// <exception cref="ArgumentException">The file is missing or not a JSON array of non-negative integers (names the file).</exception>
    public static long[] Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{path}: cannot read the kept positions ({e.Message})");
        }
        long[]? positions;
        try { positions = JsonSerializer.Deserialize<long[]>(text); }
        catch (JsonException e)
        {
            throw new ArgumentException($"{path}: not a JSON array of image positions, e.g. [5, 9, 12] ({e.Message})");
        }
        if (positions is null)
            throw new ArgumentException($"{path}: not a JSON array of image positions, e.g. [5, 9, 12] (found null)");
        if (positions.FirstOrDefault(p => p < 0) is var bad && bad < 0)
            throw new ArgumentException($"{path}: position {bad} is negative");
        return positions;
    }

    public static void Write(string path, IEnumerable<long> positions) =>
        File.WriteAllText(path, JsonSerializer.Serialize(positions.ToArray()) + "\n");
}
