namespace Sieve.Ocsr.Tests;

/// <summary>Stereo drawings the reader once misread (scripts/ocsr/make_stereo_cases.py), compared with their
/// stereo: a hashed wedge so small its strokes are specks (lost, leaving a stray methyl), a solid wedge so thin it
/// passed for a plain line, a short one to a drawn H whose wide end read as a '-', double bonds of unknown
/// cis/trans drawn crossed (read as four bonds to invented atoms, or folded into one single bond beside a label),
/// and camphor-like bridged rings laid flat, whose crossing bonds became atoms, whose methyl passing its C=O made a
/// triple bond, and whose crossings cut the bonds into pieces short enough to shrink the bond length the reader
/// measures by.</summary>
public class StereoDrawingTests
{
    public static TheoryData<string> Cases() => DrawnCases.Names("stereo");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_drawn_bond_and_centre_is_read_as_drawn(string name) => DrawnCases.ReadsAsDrawn("stereo", name, stereo: true);
}
