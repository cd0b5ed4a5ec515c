using Sieve.Chemistry.Molfile;

namespace Sieve.Chemistry.Tests.Molfile;

public class SdfReaderTests
{
    private static string Record(string name, string atom = "C", string data = "") =>
        $"{name}\n  test\n\n  1  0  0  0  0  0  0  0  0  0999 V2000\n" +
        $"    0.0000    0.0000    0.0000 {atom,-3} 0  0  0  0  0  0  0  0  0  0  0  0\nM  END\n{data}$$$$\n";

    [Fact]
    public void Data_items_go_to_properties_in_file_order()
    {
        var text = Record("a", data: ">  <ID>  (1)\nX1\n\n> <NOTE>\nline one\nline two\n\n") + Record("b");
        var all = SdfReader.ReadAll(text);
        Assert.Equal(2, all.Count);
        Assert.Equal([new("ID", "X1"), new("NOTE", "line one\nline two")], all[0].Properties);
        Assert.Equal("b", all[1].Name);
        Assert.Empty(all[1].Properties);
    }

    [Fact]
    public void A_bad_record_names_its_index_and_line()
    {
        // Record 1 (0-based) has an unknown symbol on line 5 of its own; record 0 takes 7 lines with $$$$: line 12.
        var text = Record("a") + Record("b", atom: "Zz") + Record("c");
        var e = Assert.Throws<MolfileParseException>(() => SdfReader.ReadAll(text));
        Assert.Equal(12, e.Position);
        Assert.Contains("SD record 1", e.Problem, StringComparison.Ordinal);
        Assert.Contains("'Zz'", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_records_can_be_skipped_and_are_reported()
    {
        var text = Record("a") + Record("b", atom: "Zz") + Record("c") + "garbage\n$$$$\n" + Record("e");
        var reported = new List<int>();
        var reader = new SdfReader(new StringReader(text), new SdfReadOptions { SkipBadRecords = true, OnSkippedRecord = r => reported.Add(r.RecordIndex) });
        var names = reader.Select(m => m.Name).ToList();
        Assert.Equal(["a", "c", "e"], names);
        Assert.Equal([1, 3], reported);
        Assert.Equal([1, 3], reader.SkippedRecords.Select(r => r.RecordIndex));
        Assert.Equal(12, reader.SkippedRecords[0].Error.Position);
    }

    [Fact]
    public void Records_are_streamed_one_at_a_time()
    {
        // The second record is broken; the first must be delivered before the reader gets to it.
        var text = Record("first") + Record("second", atom: "Zz");
        using var e = new SdfReader(new StringReader(text)).GetEnumerator();
        Assert.True(e.MoveNext());
        Assert.Equal("first", e.Current.Name);
        Assert.Throws<MolfileParseException>(() => e.MoveNext());
    }

    [Fact]
    public void Perception_failures_are_parse_errors_of_the_record()
    {
        // Pentavalent carbon: RDKit's SDMolSupplier returns None for it.
        var text = "x\n\n\n  6  5  0  0  0  0  0  0  0  0999 V2000\n" +
            string.Concat(Enumerable.Repeat("    0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\n", 6)) +
            "  1  2  1  0\n  1  3  1  0\n  1  4  1  0\n  1  5  1  0\n  1  6  1  0\nM  END\n$$$$\n";
        var e = Assert.Throws<MolfileParseException>(() => SdfReader.ReadAll(text));
        Assert.Contains("valence", e.Problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_whole_PubChem_file_streams()
    {
        const string path = "/usr/share/RDKit/Projects/DbCLI/testData/pubchem.200.sdf";
        if (!File.Exists(path)) return; // Debian rdkit-data; the committed sample covers the content
        using var reader = File.OpenText(path);
        var sdf = new SdfReader(reader, new SdfReadOptions { SkipBadRecords = true });
        var n = sdf.Count(m => m.Properties.Count > 0);
        Assert.Equal(200, n + sdf.SkippedRecords.Count);
        Assert.Empty(sdf.SkippedRecords);
    }
}
