namespace Sieve.Chemistry.Tests.Canonical;

/// <summary>Rows of Data/molecules.tsv (input SMILES and RDKit's canonical SMILES).</summary>
internal static class GoldenMolecules
{
    public sealed record Row(string Id, string Smiles, string Canonical);

    private static readonly Lazy<IReadOnlyList<Row>> Rows = new(Load);

    public static IReadOnlyList<Row> All => Rows.Value;

    private static IReadOnlyList<Row> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "molecules.tsv");
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0) continue;
            var f = line.Split('\t');
            rows.Add(new Row(f[0], f[2], f[3]));
        }
        return rows;
    }
}
