using Sieve.Ocsr.Vector;
using Pt = Sieve.Chemistry.Depiction.Point2;

namespace Sieve.Ocsr.Tests;

/// <summary>Repeat brackets with n (scripts/ocsr/make_repeat_cases.py): short chains whose bracket-cut bond halves
/// once set the bond length to half a bond (the brackets then read as methyls), a bracket beside an atom label that
/// was taken for the subscript, and a cross-drawn tBu that must stay four bonds.</summary>
public class RepeatBracketTests
{
    private const double Stroke = 4;

    public static TheoryData<string> Cases() => DrawnCases.Names("repeats");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reads_the_repeat_unit_as_drawn(string name) => DrawnCases.ReadsAsDrawn("repeats", name);

    /// <summary>A bond from (0,0) to (100,0) crossed at its middle by a bracket from (50,-40) to (50,40), cut into
    /// halves at the crossing as thinning leaves it; <paramref name="hooks"/> adds the bracket's end ticks.</summary>
    private static List<Segment> Crossing(bool hooks)
    {
        var centre = new Pt(50, 0);
        List<Segment> pieces =
        [
            new(new Pt(0, 0), centre), new(centre, new Pt(100, 0)),
            new(new Pt(50, -40), centre), new(centre, new Pt(50, 40)),
        ];
        if (hooks) pieces.AddRange([new(new Pt(50, -40), new Pt(58, -40)), new(new Pt(50, 40), new Pt(58, 40))]);
        return pieces;
    }

    [Fact]
    public void A_bracket_crossing_is_measured_as_two_whole_lines()
    {
        var joined = BracketCrossings.JoinCrossedLines(Crossing(hooks: true), Stroke);
        var lines = joined.Where(s => s.Length > 3 * Stroke).Select(s => Math.Round(s.Length)).Order().ToList();
        Assert.Equal([80.0, 100.0], lines);
    }

    [Fact]
    public void A_cross_without_hooks_is_an_atom_with_four_bonds_and_stays_cut()
    {
        var pieces = Crossing(hooks: false);
        var joined = BracketCrossings.JoinCrossedLines(pieces, Stroke);
        Assert.Equal(pieces.Select(s => s.Length).Order(), joined.Select(s => s.Length).Order());
    }
}
