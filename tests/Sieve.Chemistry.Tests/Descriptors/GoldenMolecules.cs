using System.Globalization;
using Sieve.Chemistry.Smiles;

namespace Sieve.Chemistry.Tests.Descriptors;

/// <summary>One row of Data/molecules.tsv (RDKit 2022.09.3 golden data).</summary>
internal sealed record GoldenMolecule(string Id, string Smiles, string Canonical, string Aromatic, string Formula, double Mw, int Heavy, int[] Morgan2);

internal static class GoldenMolecules
{
    public static IReadOnlyList<GoldenMolecule> All { get; } = Load();

    private static Dictionary<string, GoldenMolecule>? _byId;

    public static GoldenMolecule ById(string id) =>
        (_byId ??= All.ToDictionary(g => g.Id, StringComparer.Ordinal))[id];

    private static List<GoldenMolecule> Load()
    {
        var rows = new List<GoldenMolecule>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "molecules.tsv")).Skip(1))
        {
            var f = line.Split('\t');
            rows.Add(new GoldenMolecule(f[0], f[2], f[3], f[4], f[6], double.Parse(f[7], CultureInfo.InvariantCulture),
                int.Parse(f[8], CultureInfo.InvariantCulture),
                f[9].Length == 0 ? [] : [.. f[9].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]));
        }
        return rows;
    }

    /// <summary>The golden molecules our SMILES reader accepts, read once for all tests (reading is not
    /// what these tests measure; a molecule it rejects counts as a disagreement where it is used).</summary>
    public static IReadOnlyList<(GoldenMolecule Golden, Molecule? Molecule)> Parsed { get; } =
        [.. All.Select(g => (g, TryRead(g.Smiles)))];

    private static Molecule? TryRead(string smiles)
    {
        try { return SmilesReader.Read(smiles); }
        catch (ChemistryParseException) { return null; }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>%.4f as the golden file prints it.</summary>
    public static bool SameMw(double ours, double golden) => Math.Abs(Math.Round(ours, 4) - golden) < 0.00005 + 1e-9;
}
