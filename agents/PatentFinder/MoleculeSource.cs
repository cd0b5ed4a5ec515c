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
        var text = File.ReadAllText(smilesOrPath);
        var head = text.Split('\n', MolfileDetection.HeadLines + 1).Take(MolfileDetection.HeadLines).Select(l => l.TrimEnd('\r')).ToList();
        if (MolfileDetection.IsMolfileExtension(smilesOrPath) || MolfileDetection.LooksLikeMolfile(head))
        {
            var all = Parse(() => SdfReader.ReadAll(text), "molfile/SDF");
            if (all.Count != 1) throw new ArgumentException($"{smilesOrPath}: expected one molecule, found {all.Count}");
            return new MoleculeSource(smilesOrPath, all[0], MolfileWriter.Write(all[0]));
        }
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (lines.Count != 1) throw new ArgumentException($"{smilesOrPath}: expected one SMILES line, found {lines.Count}");
        // A SMILES file line may carry a name after whitespace.
        var smiles = lines[0].Split([' ', '\t'], 2)[0];
        return new MoleculeSource(smilesOrPath, Parse(() => SmilesReader.Read(smiles), "SMILES"), smiles);
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
