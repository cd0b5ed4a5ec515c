namespace Sieve.Ocsr.Tests;

/// <summary>A folder of regression drawings under Data/ (written by scripts/ocsr/make_*_cases.py): NAME.png (or
/// NAME.jpg) and a truth.tsv of name and canonical SMILES.</summary>
internal static class DrawnCases
{
    public static string Root(string folder) => Path.Combine(AppContext.BaseDirectory, "Data", folder);

    public static TheoryData<string> Names(string folder) =>
        [.. File.ReadLines(Path.Combine(Root(folder), "truth.tsv")).Skip(1).Select(l => l.Split('\t')[0])];

    /// <summary>Reads the case's drawing and asserts it gives the truth's molecule (with its stereo when
    /// <paramref name="stereo"/>).</summary>
    public static void ReadsAsDrawn(string folder, string name, bool stereo = false)
    {
        var truth = File.ReadLines(Path.Combine(Root(folder), "truth.tsv")).Select(l => l.Split('\t')).First(p => p[0] == name)[1];
        var image = Directory.GetFiles(Root(folder), name + ".*").Single(f => !f.EndsWith(".tsv"));
        var result = StructureReader.Read(image);
        Assert.Equal(DevSet.Canonical(truth, stereo), DevSet.Canonical(result.Line, stereo));
    }
}
