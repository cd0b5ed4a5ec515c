using System.Globalization;

namespace Sieve.Chemistry.Tests.Molfile;

/// <summary>RDKit's reading of the molfile test files (Data/molfile/expected.tsv, made by
/// scripts/chemistry/make_molfile_golden.py).</summary>
internal sealed record ExpectedRecord(string File, int Index, string Name, bool Ok, string Formula, double Mw,
    int Heavy, string Canonical, string Flat, int[] Morgan2, int Props);

internal static class MolfileData
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "Data", "molfile");

    public static string Path_(string relative) => Path.Combine(Dir, relative);

    public static string Text(string relative) => File.ReadAllText(Path_(relative), System.Text.Encoding.Latin1);

    public static IReadOnlyList<ExpectedRecord> Expected { get; } = Load();

    private static List<ExpectedRecord> Load()
    {
        var rows = new List<ExpectedRecord>();
        foreach (var line in File.ReadLines(Path.Combine(Dir, "expected.tsv")).Skip(1))
        {
            var f = line.Split('\t');
            var ok = f[3] == "1";
            rows.Add(new ExpectedRecord(f[0], int.Parse(f[1], CultureInfo.InvariantCulture), f[2], ok, f[4],
                ok ? double.Parse(f[5], CultureInfo.InvariantCulture) : 0, ok ? int.Parse(f[6], CultureInfo.InvariantCulture) : 0,
                f[7], f[8], f[9].Length == 0 ? [] : [.. f[9].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))],
                ok ? int.Parse(f[10], CultureInfo.InvariantCulture) : 0));
        }
        return rows;
    }

    public static ExpectedRecord Feature(string name) => Expected.Single(r => r.File == $"features/{name}.mol");
}
