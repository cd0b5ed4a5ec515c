namespace Sieve.Ocsr.Tests;

/// <summary>Exact-match floors per drawing style on the checked-in subset (5 images a style). The floors sit just
/// under what the reader reaches today, so a change that loses structures fails here; bench/ocsr.sh measures the
/// full set against OSRA.</summary>
public class AccuracyFloorTests
{
    [Theory]
    [InlineData("s400", 4)]
    [InlineData("s800", 5)]
    [InlineData("bold", 5)]
    [InlineData("noisy", 4)]
    [InlineData("abbrev", 4)]
    [InlineData("markush", 4)]
    [InlineData("jpeg", 4)]
    [InlineData("rotated", 4)]
    [InlineData("tiff", 4)]
    public void Reads_at_least_the_floor_of_each_style_exactly(string style, int floor)
    {
        var images = DevSet.Images().Where(i => i.Style == style).ToList();
        Assert.Equal(5, images.Count);
        var misses = new List<string>();
        foreach (var (_, path, truth) in images)
        {
            var result = StructureReader.Read(path);
            if (DevSet.Canonical(result.Line) != DevSet.Canonical(truth))
                misses.Add($"{Path.GetFileName(path)}: read '{result.Line}' want '{truth}' {result.Failure}");
        }
        Assert.True(images.Count - misses.Count >= floor,
            $"{style}: {images.Count - misses.Count}/5 exact, floor {floor}\n" + string.Join("\n", misses));
    }

    [Fact]
    public void Markush_labels_sit_on_the_attachment_atoms()
    {
        var (_, path, truth) = DevSet.Images().First(i => i.Style == "markush" && StructureReader.Read(i.Path).Line is var l
            && DevSet.Canonical(l) == DevSet.Canonical(i.Truth));
        var structure = Assert.Single(StructureReader.Read(path).Structures);
        Assert.True(structure.IsMarkush);
        Assert.Contains("$", structure.Smiles);
        Assert.Equal(DevSet.Canonical(truth), DevSet.Canonical(structure.Smiles));
    }
}
