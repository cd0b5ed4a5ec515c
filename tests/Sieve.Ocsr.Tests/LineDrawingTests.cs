namespace Sieve.Ocsr.Tests;

/// <summary>Drawn bond lines the reader once lost or split (scripts/ocsr/make_line_cases.py): free-ended 45° bonds
/// that Zhang–Suen thinning erased whole, a ring corner split in two, a bond cut near its middle, and
/// scans whose blur joined a stacked H over N into the bonds.</summary>
public class LineDrawingTests
{
    private static string Root => DrawnCases.Root("lines");

    public static TheoryData<string> Cases() => DrawnCases.Names("lines");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_drawn_bond_is_read_once(string name) => DrawnCases.ReadsAsDrawn("lines", name);

    [Fact]
    public void Atom_positions_are_in_the_files_own_pixels()
    {
        // A 400×300 drawing is read at twice its size; what comes back is in the file's frame.
        var result = StructureReader.Read(Path.Combine(Root, "diphenylethanol-s400.png"));
        Assert.Equal((400, 300), (result.Width, result.Height));
        var atoms = Assert.Single(result.Structures).Atoms;
        Assert.Equal(15, atoms.Count);
        Assert.All(atoms, a => Assert.True(a.X is > 0 and < 400 && a.Y is > 0 and < 300, $"{a.Text} at ({a.X}, {a.Y})"));
        // The OH label sits top right of the drawing (RDKit places it there for this molecule).
        var oh = Assert.Single(atoms, a => a.Text.Length > 0);
        Assert.True(oh.X > 200 && oh.Y < 100, $"OH at ({oh.X}, {oh.Y})");
    }
}
