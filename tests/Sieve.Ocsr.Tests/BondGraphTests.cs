using Sieve.Ocsr.Vector;
using Pt = Sieve.Chemistry.Depiction.Point2;

namespace Sieve.Ocsr.Tests;

/// <summary>The bond graph built from line pieces: corners the thinning split stay one atom.</summary>
public class BondGraphTests
{
    private const double BondLength = 60, Stroke = 4;

    private static Pt[] Hexagon(double cx, double cy) =>
        [.. Enumerable.Range(0, 6).Select(i => new Pt(cx + BondLength * Math.Cos(i * Math.PI / 3), cy + BondLength * Math.Sin(i * Math.PI / 3)))];

    [Fact]
    public void A_ring_corner_split_in_two_by_a_short_piece_is_one_atom()
    {
        var p = Hexagon(200, 200);
        // Corner 0 drawn as two points 15 px apart (a quarter bond) joined by a short piece.
        var split = new Pt(p[0].X - 3, p[0].Y + 15);
        Segment[] lines =
        [
            new(p[5], p[0]), new(p[0], split), new(split, p[1]),
            new(p[1], p[2]), new(p[2], p[3]), new(p[3], p[4]), new(p[4], p[5]),
        ];
        var graph = BondGraph.Build(lines, BondLength, Stroke);
        Assert.Equal(6, graph.Nodes.Count);
        Assert.Equal(6, graph.Bonds.Count);
        Assert.All(graph.Bonds, b => Assert.InRange(b.A, 0, 5));
    }

    [Fact]
    public void A_short_end_with_nothing_else_on_it_stays_a_bond()
    {
        // A bracket hook: a short piece hanging off a line's end is not folded into it.
        Segment[] lines = [new(new Pt(0, 0), new Pt(0, 60)), new(new Pt(0, 60), new Pt(12, 60))];
        var graph = BondGraph.Build(lines, BondLength, Stroke);
        Assert.Equal(2, graph.Bonds.Count);
        Assert.Equal(3, graph.Nodes.Count);
    }

    [Fact]
    public void A_line_cut_near_its_middle_is_one_bond()
    {
        // Two nearly collinear halves of one bond (a touch over half a bond each), each end carrying another bond.
        Pt a = new(0, 0), mid = new(39, 10), b = new(81, 25);
        Segment[] lines = [new(new Pt(-40, -50), a), new(a, mid), new(mid, b), new(b, new Pt(120, -30))];
        var graph = BondGraph.Build(lines, 78, Stroke);
        Assert.Equal(3, graph.Bonds.Count);
        Assert.Equal(4, graph.Bonds.SelectMany(x => new[] { x.A, x.B }).Distinct().Count());
    }

    [Fact]
    public void Two_full_bonds_in_line_stay_two_bonds()
    {
        // The single bonds on each side of an sp carbon run in one line: two atoms' worth, not a split.
        Segment[] lines = [new(new Pt(0, 0), new Pt(60, 0)), new(new Pt(60, 0), new Pt(120, 0))];
        var graph = BondGraph.Build(lines, BondLength, Stroke);
        Assert.Equal(2, graph.Bonds.Count);
    }
    [Fact]
    public void Two_bonds_drawn_across_each_other_are_two_bonds_but_a_drawn_cross_is_an_atom()
    {
        // A bridge's bond passing over a ring bond: the crossing cuts both lines, about a bond long each.
        Segment[] crossing = [new(new Pt(100, 100), new Pt(100, 160)), new(new Pt(70, 130), new Pt(130, 130))];
        var graph = BondGraph.Build(crossing, BondLength, Stroke);
        BondCrossings.Resolve(graph, BondLength);
        Assert.Equal(2, graph.Bonds.Count);

        // A carbon with four whole bonds drawn as a cross stays one atom with four bonds.
        var centre = new Pt(200, 200);
        Segment[] cross =
        [
            new(centre, new Pt(200, 140)), new(centre, new Pt(200, 260)),
            new(centre, new Pt(140, 200)), new(centre, new Pt(260, 200)),
        ];
        graph = BondGraph.Build(cross, BondLength, Stroke);
        BondCrossings.Resolve(graph, BondLength);
        Assert.Equal(4, graph.Bonds.Count);
    }

    [Fact]
    public void A_double_bond_drawn_crossed_is_one_double_bond_of_unknown_geometry()
    {
        // Two lines from each atom to beside the other, crossing in the middle at a narrow angle, between two
        // chain atoms; thinning cuts them where they overlap into two forks and a short stem.
        Pt left = new(100, 100), right = new(160, 100), before = new(70, 70), after = new(190, 130);
        Pt forkL = new(122, 102), forkR = new(138, 98);
        Segment[] lines =
        [
            new(before, left), new(right, after),
            new(left, forkL), new(new Pt(102, 112), forkL), new(forkL, forkR),
            new(forkR, right), new(forkR, new Pt(158, 88)),
        ];
        var graph = BondGraph.Build(lines, BondLength, Stroke);
        Assert.Equal(3, graph.Bonds.Count);
        var crossed = Assert.Single(graph.Bonds, b => b.Order == 2);
        Assert.Equal(BondStyle.Crossed, crossed.Style);
    }
}
