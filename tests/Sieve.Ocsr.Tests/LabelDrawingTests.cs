namespace Sieve.Ocsr.Tests;

/// <summary>Drawn labels the reader once misread (scripts/ocsr/make_label_cases.py): nitro groups whose '+' touches
/// an N–O bond, whose '−' merges into one, whose short N=O lines passed for glyphs, or whose N touches all three bonds;
/// yellow S labels and half-bonds between labels on colour JPEGs; on 1-bit TIFFs an N read as H, the C of N=C=S, and
/// a staircase bond taken for a minus sign; a hashed wedge's last stroke read into its label (-NH2);
/// isotopes drawn as raised mass numbers.</summary>
public class LabelDrawingTests
{
    public static TheoryData<string> Cases() => DrawnCases.Names("labels");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Drawn_labels_read_as_drawn(string name) => DrawnCases.ReadsAsDrawn("labels", name);
}
