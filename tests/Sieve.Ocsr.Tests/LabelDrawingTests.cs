namespace Sieve.Ocsr.Tests;

/// <summary>Drawn labels the reader once misread (scripts/ocsr/make_label_cases.py): nitro groups whose '+' touches
/// an N–O bond, whose '−' merges into one, whose short N=O lines passed for glyphs, or whose N touches all three bonds.</summary>
public class LabelDrawingTests
{
    public static TheoryData<string> Cases() => DrawnCases.Names("labels");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Drawn_nitro_groups_read_as_nitro(string name) => DrawnCases.ReadsAsDrawn("labels", name);
}
