using OpenCvSharp;
using Sieve.Ocsr.Labels;
using Sieve.Ocsr.Vector;
using Pt = Sieve.Chemistry.Depiction.Point2;

namespace Sieve.Ocsr.Tests;

/// <summary>Glyph-sized pieces that are bonds: the short N–O lines of a nitro group.</summary>
public class BondPiecesTests
{
    private const double CharH = 24, BondLength = 70;

    [Fact]
    public void A_letter_sized_N_is_a_glyph()
    {
        Segment[] n = [new(new Pt(0, 24), new Pt(0, 0)), new(new Pt(0, 0), new Pt(18, 24)), new(new Pt(18, 24), new Pt(18, 0))];
        Assert.False(BondPieces.IsBondPiece(new Rect(0, 0, 19, 25), n, CharH, BondLength));
    }

    [Fact]
    public void One_slanted_stroke_is_a_bond_line()
    {
        Segment[] line = [new(new Pt(0, 20), new Pt(20, 0))];
        Assert.True(BondPieces.IsBondPiece(new Rect(0, 0, 21, 21), line, CharH, BondLength));
    }

    [Fact]
    public void A_piece_twice_a_letter_high_with_a_long_stroke_is_a_bond_with_a_sign_touching_it()
    {
        // An N–O bond half a bond long running up into a '+' (its two bars).
        Segment[] piece = [new(new Pt(10, 48), new Pt(20, 12)), new(new Pt(14, 6), new Pt(26, 6)), new(new Pt(20, 0), new Pt(20, 12))];
        Assert.True(BondPieces.IsBondPiece(new Rect(8, 0, 20, 49), piece, CharH, BondLength));
    }

    [Fact]
    public void A_wide_pair_of_touching_letters_is_no_bond()
    {
        // 'OH' drawn touching: wide, but no stroke longer than a letter is high.
        Segment[] oh = [new(new Pt(0, 12), new Pt(10, 0)), new(new Pt(10, 0), new Pt(20, 12)), new(new Pt(20, 12), new Pt(10, 24)),
            new(new Pt(24, 0), new Pt(24, 24)), new(new Pt(24, 12), new Pt(38, 12)), new(new Pt(38, 0), new Pt(38, 24))];
        Assert.False(BondPieces.IsBondPiece(new Rect(0, 0, 39, 25), oh, CharH, BondLength));
    }

    [Fact]
    public void A_piece_without_traced_segments_gets_its_centre_line()
    {
        using var ids = new Mat(40, 40, MatType.CV_32SC1, Scalar.All(0));
        Cv2.Line(ids, new Point(5, 30), new Point(30, 5), Scalar.All(7), 3);
        var box = new Rect(3, 3, 30, 30);
        var area = Cv2.CountNonZero(ids);
        var strokes = BondPieces.Strokes(ids, 7, box, area, [], 3);
        var line = Assert.Single(strokes);
        Assert.InRange(line.Length, 32, 40);
        Assert.True(BondPieces.IsBondPiece(box, strokes, CharH, BondLength));
    }
}
