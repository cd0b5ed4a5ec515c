namespace Sieve.Chemistry.Molfile;

/// <summary>Tells a molfile/SD record from SMILES text by its first lines, so every entry point (the CLI's streaming
/// readers, the agents' single-molecule input) decides the same way.</summary>
public static class MolfileDetection
{
    /// <summary>Lines a caller must look at: a molfile's fourth line is its counts line.</summary>
    public const int HeadLines = 4;

    /// <summary>True when the fourth line is a counts line: it names V2000/V3000, or (old files that omit the version)
    /// starts with the two right-aligned three-character atom and bond counts.</summary>
    public static bool LooksLikeMolfile(IReadOnlyList<string> head)
    {
        if (head.Count < HeadLines) return false;
        var counts = head[3];
        if (counts.Contains("V2000", StringComparison.Ordinal) || counts.Contains("V3000", StringComparison.Ordinal))
            return true;
        return counts.Length >= 6 && IsCountField(counts.AsSpan(0, 3)) && IsCountField(counts.AsSpan(3, 3));
    }

    /// <summary>True for the extensions that always mean molfile/SD, whatever the content.</summary>
    public static bool IsMolfileExtension(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".mol" or ".sdf" or ".sd";

    private static bool IsCountField(ReadOnlySpan<char> field)
    {
        var digits = field.TrimStart(' ');
        if (digits.Length == 0) return false;
        foreach (var c in digits)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
