using OpenCvSharp;

namespace Sieve.Ocsr.Tests;

public class StructureReaderTests
{
    private static string Image(string style, int n) => Path.Combine(DevSet.Root, style, $"{n:000}.png");

    [Fact]
    public void A_missing_file_is_an_error_naming_the_file()
    {
        var e = Assert.Throws<OcsrException>(() => StructureReader.Read("/nonexistent/drawing.png"));
        Assert.Contains("/nonexistent/drawing.png", e.Message);
        Assert.Contains("no such file", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_an_image_is_an_error_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ocsr-{Guid.NewGuid():N}.png");
        File.WriteAllText(path, "CCO is a SMILES, not a picture");
        try
        {
            var e = Assert.Throws<OcsrException>(() => StructureReader.Read(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_blank_page_gives_no_structure_and_says_why()
    {
        using var blank = new Mat(300, 400, MatType.CV_8UC3, Scalar.White);
        var result = StructureReader.Read(blank, "blank");
        Assert.Empty(result.Structures);
        Assert.Equal("", result.Line);
        Assert.Contains("blank", result.Failure);
    }

    [Fact]
    public void Two_drawings_on_one_page_are_two_structures()
    {
        using var left = Cv2.ImRead(Image("s400", 0), ImreadModes.Color);
        using var right = Cv2.ImRead(Image("s400", 1), ImreadModes.Color);
        using var page = new Mat();
        Cv2.HConcat([left, right], page);
        var one = StructureReader.Read(Image("s400", 0)).Line;
        var two = StructureReader.Read(Image("s400", 1)).Line;

        var result = StructureReader.Read(page, "page");

        Assert.Equal(2, result.Structures.Count);
        Assert.Equal(new[] { one, two }.Order(), result.Structures.Select(s => s.Smiles).Order());
    }

    [Fact]
    public void Every_atom_has_a_position_inside_the_image_and_labels_keep_their_text()
    {
        var path = Image("s800", 0);
        using var mat = Cv2.ImRead(path);
        var structure = Assert.Single(StructureReader.Read(path).Structures);
        var atoms = Sieve.Chemistry.Smiles.SmilesReader.Read(structure.Smiles).AtomCount;
        Assert.Equal(atoms, structure.Atoms.Count);
        Assert.All(structure.Atoms, a => Assert.InRange(a.X, 0, mat.Width));
        Assert.All(structure.Atoms, a => Assert.InRange(a.Y, 0, mat.Height));
        Assert.Contains(structure.Atoms, a => a.Text.Length > 0);
        Assert.InRange(structure.Confidence, 0.0, 1.0);
    }

    [Fact]
    public void Colour_grey_and_jpeg_copies_of_a_drawing_read_the_same()
    {
        var path = Image("s800", 0);
        using var colour = Cv2.ImRead(path, ImreadModes.Color);
        using var grey = Cv2.ImRead(path, ImreadModes.Grayscale);
        Cv2.ImEncode(".jpg", colour, out var jpegBytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 70));
        using var jpeg = Cv2.ImDecode(jpegBytes, ImreadModes.Color);
        var expected = StructureReader.Read(path).Line;
        Assert.NotEqual("", expected);
        Assert.Equal(expected, StructureReader.Read(grey, "grey").Line);
        Assert.Equal(expected, StructureReader.Read(jpeg, "jpeg").Line);
    }
}
