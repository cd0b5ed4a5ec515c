using OpenCvSharp;
using Sieve.Chemistry;
using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Smiles;

namespace Sieve.Ocsr.Tests;

/// <summary>Drawn features beyond plain bonds and labels, on the checked-in subset (5 images a style, made by
/// scripts/ocsr/devset_features.py): wedges and hashes (compared with stereo), wavy bonds (no configuration at
/// their centre), aromatic circles, R-bonds drawn into a ring (position variation), repeat brackets with n. Floors sit just under what
/// the reader reaches today; misses are constitution errors of the plain reader, not the features.</summary>
public class DrawnFeatureTests
{
    [Theory]
    [InlineData("stereo", 3)]
    [InlineData("wavy", 3)]
    [InlineData("arom", 5)]
    [InlineData("posvar", 4)]
    [InlineData("sru", 2)]
    public void Reads_at_least_the_floor_of_each_feature_style_exactly(string style, int floor)
    {
        var images = DevSet.Images().Where(i => i.Style == style).ToList();
        Assert.Equal(5, images.Count);
        var stereo = DevSet.StereoStyles.Contains(style);
        var misses = new List<string>();
        foreach (var (_, path, truth) in images)
        {
            var result = StructureReader.Read(path);
            if (DevSet.Canonical(result.Line, stereo) != DevSet.Canonical(truth, stereo))
                misses.Add($"{Path.GetFileName(path)}: read '{result.Line}' want '{truth}' {result.Failure}");
        }
        Assert.True(images.Count - misses.Count >= floor,
            $"{style}: {images.Count - misses.Count}/5 exact, floor {floor}\n" + string.Join("\n", misses));
    }

    [Fact]
    public void A_mirrored_wedge_drawing_reads_as_the_other_enantiomer()
    {
        var (_, path, truth) = DevSet.Images().First(i => i.Style == "stereo" && i.Truth.Contains('@')
            && DevSet.Canonical(StructureReader.Read(i.Path).Line, true) == DevSet.Canonical(i.Truth, true));
        using var image = Cv2.ImRead(path, ImreadModes.Color);
        using var mirrored = new Mat();
        Cv2.Flip(image, mirrored, FlipMode.Y);
        var read = StructureReader.Read(mirrored, "mirrored").Line;
        var expected = SmilesReader.Read(truth);
        foreach (var a in expected.Atoms)
            a.Chirality = a.Chirality switch { Chirality.Clockwise => Chirality.CounterClockwise, Chirality.CounterClockwise => Chirality.Clockwise, _ => a.Chirality };
        Assert.Equal(CanonicalSmiles.Of(expected), DevSet.Canonical(read, true));
        Assert.NotEqual(DevSet.Canonical(truth, true), DevSet.Canonical(read, true));
    }

    [Fact]
    public void A_bond_drawn_into_a_ring_is_an_R_label_with_the_ring_atoms_it_may_sit_on()
    {
        var (_, path, truth) = DevSet.Images().First(i => i.Style == "posvar"
            && DevSet.Canonical(StructureReader.Read(i.Path).Line) == DevSet.Canonical(i.Truth));
        var structure = Assert.Single(StructureReader.Read(path).Structures);
        Assert.True(structure.IsMarkush);
        var m = SmilesReader.Read(structure.Smiles);
        var pv = Assert.Single(m.PositionVariations);
        Assert.Equal("R1", m.Atoms[pv.Atom].Label);
        Assert.Equal(SmilesReader.Read(truth).PositionVariations[0].Candidates.Count, pv.Candidates.Count);
        Assert.Contains(m.Neighbors(pv.Atom).Single(), pv.Candidates);
    }

    [Fact]
    public void Repeat_brackets_enclose_the_atoms_between_them_with_their_subscript()
    {
        var (_, path, truth) = DevSet.Images().First(i => i.Style == "sru"
            && DevSet.Canonical(StructureReader.Read(i.Path).Line) == DevSet.Canonical(i.Truth));
        var structure = Assert.Single(StructureReader.Read(path).Structures);
        Assert.True(structure.IsMarkush);
        var unit = Assert.Single(SmilesReader.Read(structure.Smiles).RepeatUnits);
        Assert.Equal("n", unit.Subscript);
        Assert.Equal(Assert.Single(SmilesReader.Read(truth).RepeatUnits).Atoms.Count, unit.Atoms.Count);
    }
}
