using System.Text.Json;

namespace Sieve.Cli.Tests;

public class OcsrCommandTests
{
    private static string Image(string relative) =>
        Path.Combine(Repository.Root, "tests", "Sieve.Ocsr.Tests", "Data", "devset", relative);

    [Fact]
    public void One_line_per_image_in_order_with_an_empty_line_and_a_reason_for_an_unreadable_one()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-drawing.png");
        var r = CliRunner.Run("", "ocsr", Image("s800/001.png"), missing, Image("s800/002.png"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(["Cc1cccc(C)c1O", "", "Nc1cccc2cc(O)ccc12"], r.OutLines);
        Assert.Equal($"{missing}: no such file", r.Error.Trim());
    }

    [Fact]
    public void Json_gives_confidence_and_atom_coordinates_per_structure()
    {
        var r = CliRunner.Run("", "ocsr", "--json", Image("s800/001.png"));
        Assert.Equal(0, r.ExitCode);
        var line = JsonDocument.Parse(Assert.Single(r.OutLines)).RootElement;
        Assert.Equal("Cc1cccc(C)c1O", line.GetProperty("smiles").GetString());
        var structure = Assert.Single(line.GetProperty("structures").EnumerateArray());
        Assert.InRange(structure.GetProperty("confidence").GetDouble(), 0.0, 1.0);
        Assert.Equal(9, structure.GetProperty("atoms").GetArrayLength());
    }
}
