using Sieve.Chemistry;
using Sieve.Chemistry.Molfile;
using Sieve.Chemistry.Perception;
using Sieve.Chemistry.Smiles;

namespace Sieve.Agents.PatentFinder;

/// <summary>The molecule a report is about, as the user gave it. <see cref="Structure"/> is text in the molecule's
/// own atom order (the SMILES given, or a molfile), so atom indices in the report redraw on it.</summary>
public sealed record MoleculeSource(string Input, Molecule Molecule, string Structure)
{
    /// <summary>Reads SMILES, or a file holding one molecule (molfile, SDF, or a SMILES line). Throws
    /// <see cref="ArgumentException"/> with the reason for anything that is not exactly one readable molecule.</summary>
    public static MoleculeSource Read(string smilesOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(smilesOrPath);
        if (!File.Exists(smilesOrPath))
            return new MoleculeSource(smilesOrPath, Parse(() => SmilesReader.Read(smilesOrPath.Trim()), "SMILES"), smilesOrPath.Trim());
        return FromText(File.ReadAllText(smilesOrPath), smilesOrPath, MolfileDetection.IsMolfileExtension(smilesOrPath));
    }

    /// <summary>Reads the text of one molecule — a molfile or one-record SDF (recognised by its counts line, or
    /// because <paramref name="molfile"/> says so), or one SMILES line — named <paramref name="name"/> in messages.
    /// Used for files and for molecules that arrive as text (the agent API).</summary>
    public static MoleculeSource FromText(string text, string name, bool molfile = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var head = text.Split('\n', MolfileDetection.HeadLines + 1).Take(MolfileDetection.HeadLines).Select(l => l.TrimEnd('\r')).ToList();
        if (molfile || MolfileDetection.LooksLikeMolfile(head))
        {
            var all = Parse(() => SdfReader.ReadAll(text), "molfile/SDF");
            if (all.Count != 1) throw new ArgumentException($"{name}: expected one molecule, found {all.Count}");
            return new MoleculeSource(name, all[0], MolfileWriter.Write(all[0]));
        }
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (lines.Count != 1) throw new ArgumentException($"{name}: expected one SMILES line, found {lines.Count}");
        // A SMILES file line may carry a name after whitespace.
        var smiles = lines[0].Split([' ', '\t'], 2)[0];
        return new MoleculeSource(name, Parse(() => SmilesReader.Read(smiles), "SMILES"), smiles);
    }

    private static T Parse<T>(Func<T> read, string what)
    {
        try { return read(); }
        catch (Exception e) when (e is ChemistryParseException or MoleculeException)
        {
            throw new ArgumentException($"not a readable {what}: {e.Message}", e);
        }
    }
}
