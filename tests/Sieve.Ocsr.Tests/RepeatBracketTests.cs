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
    private static List<Segment> Crossing(bool hooks, double hookLength = 8)
    {
        var centre = new Pt(50, 0);
        List<Segment> pieces =
        [
            new(new Pt(0, 0), centre), new(centre, new Pt(100, 0)),
            new(new Pt(50, -40), centre), new(centre, new Pt(50, 40)),
        ];
        if (hooks) pieces.AddRange([new(new Pt(50, -40), new Pt(50 + hookLength, -40)), new(new Pt(50, 40), new Pt(50 + hookLength, 40))]);
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
    public void Hooks_of_a_large_drawing_longer_than_three_line_widths_still_mark_a_bracket()
    {
        var joined = BracketCrossings.JoinCrossedLines(Crossing(hooks: true, hookLength: 14), Stroke);
        Assert.Contains(joined, s => Math.Round(s.Length) == 100);
    }

    [Fact]
    public void A_cross_without_hooks_is_an_atom_with_four_bonds_and_stays_cut()
    {
        var pieces = Crossing(hooks: false);
        var joined = BracketCrossings.JoinCrossedLines(pieces, Stroke);
        Assert.Equal(pieces.Select(s => s.Length).Order(), joined.Select(s => s.Length).Order());
    }

    [Fact]
    public void A_bracket_bent_where_it_crosses_its_bond_still_encloses_the_unit()
    {
        // A chain C0–C1–C2–C3 with brackets across C0–C1 and C2–C3 at their middles (crossing nodes X1, X2); the
        // first bracket's upper half leans 22° off its lower half, as a small drawing's thinned bracket does.
        var graph = new BondGraph();
        graph.Nodes.AddRange([new Pt(0, 0), new Pt(100, 0), new Pt(200, 0), new Pt(300, 0)]);   // C0..C3
        graph.Nodes.AddRange([new Pt(50, 0), new Pt(42, -20), new Pt(50, 20)]);                 // X1 and its bracket
        graph.Nodes.AddRange([new Pt(250, 0), new Pt(250, -20), new Pt(250, 20)]);              // X2 and its bracket
        graph.Bonds.AddRange([new DrawnBond(0, 4, 1), new DrawnBond(4, 1, 1), new DrawnBond(4, 5, 1), new DrawnBond(4, 6, 1)]);
        graph.Bonds.Add(new DrawnBond(1, 2, 1));
        graph.Bonds.AddRange([new DrawnBond(2, 7, 1), new DrawnBond(7, 3, 1), new DrawnBond(7, 8, 1), new DrawnBond(7, 9, 1)]);

        var unit = Assert.Single(RepeatBracketDetector.Find(graph, [], bondLength: 100));
        Assert.Equal([1, 2], unit.Nodes.Order());
        Assert.Equal("n", unit.Subscript);
        Assert.Equal(3, graph.Bonds.Count);   // the brackets left; C0–C1 and C2–C3 are whole again
    }
}
