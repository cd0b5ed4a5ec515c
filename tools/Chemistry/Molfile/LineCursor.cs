namespace Sieve.Chemistry.Molfile;

/// <summary>Walks the lines of one molfile record and knows each line's 1-based number in the
/// whole input, so every error can name the line it found.</summary>
internal sealed class LineCursor(IReadOnlyList<string> lines, int firstLineNumber)
{
    private int _index;

    public bool AtEnd => _index >= lines.Count;

    /// <summary>1-based number (in the whole input) of the line <see cref="Next"/> would return.</summary>
    public int LineNumber => firstLineNumber + _index;

    /// <summary>Number of the line last returned by <see cref="Next"/>.</summary>
    public int LastLineNumber => firstLineNumber + _index - 1;

    public string? Peek() => _index < lines.Count ? lines[_index] : null;

    public string Next(string expected)
    {
        if (_index >= lines.Count)
            throw Error(lines.Count > 0 ? lines[^1] : "", firstLineNumber + lines.Count, $"input ended where {expected} was expected");
        return lines[_index++];
    }

    public MolfileParseException Error(string line, int number, string problem) => new(line, number, problem);

    /// <summary>Error about the line last returned.</summary>
    public MolfileParseException ErrorHere(string problem) =>
        new(_index > 0 && _index <= lines.Count ? lines[_index - 1] : "", LastLineNumber, problem);
}
