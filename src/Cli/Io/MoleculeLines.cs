namespace Sieve.Cli.Io;

/// <summary>One line of a SMILES file, as the chem commands read it.</summary>
/// <param name="Number">1-based line number.</param>
/// <param name="Smiles">The first whitespace-separated token, plus a CXSMILES <c>|...|</c> extension when the
/// next token starts with <c>|</c>; empty when the line has no token.</param>
/// <param name="Name">The rest of the line, trimmed (the title), or null.</param>
/// <param name="BytesSoFar">Approximate bytes consumed up to and including this line (for progress).</param>
public readonly record struct MoleculeLine(int Number, string Smiles, string? Name, long BytesSoFar);

public static class MoleculeLines
{
    public static IEnumerable<MoleculeLine> Read(TextReader reader)
    {
        var number = 0;
        long bytes = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            bytes += line.Length + 1;
            yield return Split(line, number, bytes);
        }
    }

    internal static MoleculeLine Split(string line, int number, long bytes)
    {
        var span = line.AsSpan().Trim();
        var end = 0;
        while (end < span.Length && !char.IsWhiteSpace(span[end])) end++;
        var smiles = span[..end].ToString();
        var rest = span[end..].TrimStart();
        if (rest.Length > 0 && rest[0] == '|')
        {
            // A CXSMILES extension belongs to the structure, not to the title.
            var close = rest[1..].IndexOf('|');
            var extLength = close < 0 ? rest.Length : close + 2;
            smiles = smiles + " " + rest[..extLength].ToString();
            rest = rest[extLength..].TrimStart();
        }
        return new MoleculeLine(number, smiles, rest.Length > 0 ? rest.ToString() : null, bytes);
    }
}
