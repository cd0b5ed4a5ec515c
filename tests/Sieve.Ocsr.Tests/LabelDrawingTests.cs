namespace Sieve.Ocsr.Tests;

/// <summary>Drawn labels the reader once misread (scripts/ocsr/make_label_cases.py): nitro groups whose '+' touches
/// an N–O bond, whose '−' merges into one, whose short N=O lines passed for glyphs, or whose N touches all three bonds.</summary>
public class LabelDrawingTests
{
    private static string Root => Path.Combine(AppContext.BaseDirectory, "Data", "labels");

    public static TheoryData<string> Cases() =>
        [.. File.ReadLines(Path.Combine(Root, "truth.tsv")).Skip(1).Select(l => l.Split('\t')[0])];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Drawn_nitro_groups_read_as_nitro(string name)
    {
        var truth = File.ReadLines(Path.Combine(Root, "truth.tsv")).Select(l => l.Split('\t')).First(p => p[0] == name)[1];
        var result = StructureReader.Read(Path.Combine(Root, name + ".png"));
        Assert.Equal(DevSet.Canonical(truth), DevSet.Canonical(result.Line));
    }
}
