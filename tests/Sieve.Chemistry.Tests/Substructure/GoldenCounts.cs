namespace Sieve.Chemistry.Tests.Substructure;

/// <summary>Data/smarts.tsv and Data/match_counts.tsv: RDKit's uniquified match counts per (molecule, query).</summary>
internal static class GoldenCounts
{
    public static IReadOnlyList<(string Name, string Smarts)> Queries { get; } =
        File.ReadLines(RdkitGraphs.DataFile("smarts.tsv")).Skip(1)
            .Select(l => l.Split('\t')).Select(c => (c[0], c[1])).ToList();

    /// <summary>Molecule id -> counts in <see cref="Queries"/> order.</summary>
    public static IReadOnlyDictionary<string, int[]> Counts { get; } = Load();

    private static Dictionary<string, int[]> Load()
    {
        var lines = File.ReadLines(RdkitGraphs.DataFile("match_counts.tsv")).ToList();
        var header = lines[0].Split('\t');
        var names = Queries.Select(q => q.Name).ToArray();
        Assert.Equal(names, header.Skip(1));
        return lines.Skip(1).Select(l => l.Split('\t'))
            .ToDictionary(c => c[0], c => c.Skip(1).Select(int.Parse).ToArray());
    }
}
