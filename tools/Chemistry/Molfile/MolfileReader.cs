using Sieve.Chemistry.Perception;

namespace Sieve.Chemistry.Molfile;

/// <summary>Reads MDL molfiles (V2000 and V3000) as RDKit's <c>MolFromMolBlock</c> does with its
/// defaults: explicit hydrogens folded into their neighbours, then sanitized. Coordinates are kept
/// beside the molecule (<see cref="MolfileCoordinates"/>); wedges stay on <see cref="Bond.Wedge"/>.</summary>
public static class MolfileReader
{
    /// <summary>Reads one molfile. Throws <see cref="MolfileParseException"/> (Position = 1-based line)
    /// for text that is no molfile, and also when perception rejects the structure.</summary>
    public static Molecule Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = SplitLines(text);
        return ReadBlock(new LineCursor(lines, 1), sanitize: true);
    }

    /// <summary>Reads one molfile without perception (no implicit H, rings or aromaticity).</summary>
    public static Molecule ReadRaw(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ReadBlock(new LineCursor(SplitLines(text), 1), sanitize: false);
    }

    /// <summary>Reads an R-group query: an rgfile (<c>$MDL … $RGP … $END MOL</c>) or a molfile whose
    /// R-groups are defined in V3000 RGROUP blocks (or not at all: then the definitions are empty).</summary>
    public static RGroupQuery ReadRGroupQuery(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cursor = new LineCursor(SplitLines(text), 1);
        return RGroupFileParser.Parse(cursor);
    }

    /// <summary>Header, counts line and connection table up to and including <c>M  END</c>.</summary>
    internal static Molecule ReadBlock(LineCursor lines, bool sanitize,
        Action<int, Molecule>? rgroupMember = null)
    {
        var name = lines.Next("the header's name line");
        lines.Next("the header's program line");
        lines.Next("the header's comment line");
        var molecule = ReadCtab(lines, sanitize, rgroupMember);
        molecule.Name = name.TrimEnd();
        return molecule;
    }

    /// <summary>Counts line onwards (no header), as in rgfile <c>$CTAB</c> blocks.</summary>
    internal static Molecule ReadCtab(LineCursor lines, bool sanitize, Action<int, Molecule>? rgroupMember = null)
    {
        var counts = lines.Next("the counts line");
        var countsLineNumber = lines.LastLineNumber;
        CtabBuilder ctab;
        var members = new List<(int, CtabBuilder)>();
        if (counts.Contains("V3000", StringComparison.Ordinal))
        {
            ctab = V3000Parser.ParseCtab(lines, null);
            V3000Parser.ParseTail(lines, (n, c) => members.Add((n, c)));
        }
        else
        {
            if (counts.Length < 6)
                throw lines.ErrorHere("counts line too short: expected atom and bond counts in columns 1-6");
            ctab = V2000Parser.Parse(lines, counts, null);
        }
        var m = Finish(lines, ctab, sanitize, countsLineNumber);
        foreach (var (n, c) in members)
            rgroupMember?.Invoke(n, Finish(lines, c, sanitize, countsLineNumber));
        return m;
    }

    internal static Molecule Finish(LineCursor lines, CtabBuilder ctab, bool sanitize, int lineNumber)
    {
        var m = ctab.Build(lines, removeHydrogens: true, out var coordinates);
        if (sanitize)
        {
            try
            {
                Sanitizer.Sanitize(m);
                StereoFromCoordinates.Assign(m, ctab);
            }
            catch (InvalidOperationException e)
            {
                // Perception's MoleculeException family (valence, kekulization): the record is unusable.
                throw lines.Error("", lineNumber, $"structure rejected by perception: {e.Message}");
            }
        }
        MolfileCoordinates.Set(m, coordinates);
        return m;
    }

    internal static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }
}
