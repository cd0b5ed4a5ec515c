namespace Sieve.Chemistry;

/// <summary>Input that is not a valid molecule or query in its format. The message names the position
/// and what was expected; parsers throw only this family (and never crash on arbitrary bytes).</summary>
public class ChemistryParseException : FormatException
{
    public ChemistryParseException(string format, string input, int position, string problem, Exception? inner = null)
        : base(Describe(format, input, position, problem), inner)
    {
        Format = format;
        Input = input;
        Position = position;
        Problem = problem;
    }

    /// <summary>"SMILES", "SMARTS", "molfile", …</summary>
    public string Format { get; }

    /// <summary>The text that failed (for files: the record or line).</summary>
    public string Input { get; }

    /// <summary>0-based character position in <see cref="Input"/> (molfiles: 1-based line number); -1 when not tied to one place.</summary>
    public int Position { get; }

    /// <summary>What was wrong, without the position prefix.</summary>
    public string Problem { get; }

    private static string Describe(string format, string input, int position, string problem)
    {
        var shown = input.Length > 80 ? input[..77] + "..." : input;
        return position >= 0
            ? $"{format} '{shown}' at position {position}: {problem}"
            : $"{format} '{shown}': {problem}";
    }
}

/// <summary>A SMILES or CXSMILES string that cannot be read.</summary>
public sealed class SmilesParseException(string input, int position, string problem)
    : ChemistryParseException("SMILES", input, position, problem);

/// <summary>A SMARTS query that cannot be read.</summary>
public sealed class SmartsParseException(string input, int position, string problem)
    : ChemistryParseException("SMARTS", input, position, problem);

/// <summary>A molfile / SDF record that cannot be read; <see cref="ChemistryParseException.Position"/> is the 1-based line.</summary>
public sealed class MolfileParseException(string record, int line, string problem)
    : ChemistryParseException("molfile", record, line, problem);
