namespace Sieve.Ocsr.Tests;

/// <summary>Drawn bond lines the reader once lost or split (scripts/ocsr/make_line_cases.py): free-ended 45° bonds
/// that Zhang–Suen thinning erased whole, a ring corner split in two, a bond cut near its middle, and
/// scans whose blur joined a stacked H over N into the bonds.</summary>
public class LineDrawingTests
{
    private static string Root => Path.Combine(AppContext.BaseDirectory, "Data", "lines");

    public static TheoryData<string> Cases() =>
        [.. File.ReadLines(Path.Combine(Root, "truth.tsv")).Skip(1).Select(l => l.Split('\t')[0])];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_drawn_bond_is_read_once(string name)
    {
        var truth = File.ReadLines(Path.Combine(Root, "truth.tsv")).Select(l => l.Split('\t')).First(p => p[0] == name)[1];
        var result = StructureReader.Read(Path.Combine(Root, name + ".png"));
        Assert.Equal(DevSet.Canonical(truth), DevSet.Canonical(result.Line));
    }
}
