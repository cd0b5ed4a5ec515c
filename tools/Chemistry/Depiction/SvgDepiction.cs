using System.Globalization;
using System.Text;
using Sieve.Chemistry.Perception;

namespace Sieve.Chemistry.Depiction;

/// <summary>Draws a molecule as a self-contained SVG: Kekulé bonds (double bonds inside rings drawn
/// as an inner line), wedges and hashes, heteroatom labels with hydrogens and charges, R-group labels,
/// optional highlight halos and atom indices. The viewBox fits the drawing.</summary>
public static class SvgDepiction
{
    public static string Render(Molecule m, IReadOnlyList<Point2> coords, SvgOptions? o = null)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(coords);
        if (coords.Count != m.AtomCount) throw new ArgumentException($"{coords.Count} coordinates for {m.AtomCount} atoms", nameof(coords));
        o ??= new SvgOptions();
        return new SvgCanvas(m, coords, o, WedgesFor(m, coords, o)).Draw();
    }

    private static WedgeAssignment WedgesFor(Molecule m, IReadOnlyList<Point2> coords, SvgOptions o)
    {
        if (o.Wedges is { } w && w.Wedges.Length == m.BondCount) return w;
        var own = new BondWedge[m.BondCount];
        var starts = new int[m.BondCount];
        var any = false;
        for (var i = 0; i < m.BondCount; i++)
        {
            own[i] = m.Bonds[i].Wedge;
            starts[i] = m.Bonds[i].Begin;
            any |= own[i] != BondWedge.None;
        }
        if (any) return new WedgeAssignment(own, starts);
        var assigned = StereoWedges.Assign(m, coords);
        // "Either" on unspecified double bonds is for molfile readers; a drawing shows them plain.
        var wedges = (BondWedge[])assigned.Wedges.Clone();
        for (var i = 0; i < wedges.Length; i++)
            if (wedges[i] == BondWedge.Either && m.Bonds[i].Order == BondOrder.Double) wedges[i] = BondWedge.None;
        return assigned with { Wedges = wedges };
    }
}

/// <summary>One drawing in progress: converts coordinates to pixels and emits the SVG elements.</summary>
internal sealed class SvgCanvas
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly Molecule _m;
    private readonly Molecule _kekule;
    private readonly Point2[] _px;
    private readonly SvgOptions _o;
    private readonly WedgeAssignment _wedges;
    private readonly AtomLabel?[] _labels;
    private readonly double _font;
    private readonly RingInfo _rings;
    private double _minX, _minY, _maxX, _maxY;

    public SvgCanvas(Molecule m, IReadOnlyList<Point2> coords, SvgOptions o, WedgeAssignment wedges)
    {
        _m = m;
        _o = o;
        _wedges = wedges;
        _kekule = Kekule(m);
        _rings = m.Rings ?? RingPerception.Perceive(m);
        var scale = o.BondPixels / Layout2D.BondLength;
        _px = new Point2[m.AtomCount];
        for (var i = 0; i < _px.Length; i++) _px[i] = new Point2(coords[i].X * scale, -coords[i].Y * scale); // SVG y grows downwards
        _font = o.BondPixels * 0.5;
        _labels = new AtomLabel?[m.AtomCount];
        for (var i = 0; i < _labels.Length; i++) _labels[i] = AtomLabel.For(m, i, _px, _font);
    }

    private static Molecule Kekule(Molecule m)
    {
        var aromatic = false;
        foreach (var b in m.Bonds) aromatic |= b.IsAromatic || b.Order == BondOrder.Aromatic;
        if (!aromatic) return m;
        try
        {
            var copy = m.Clone();
            Kekulizer.Kekulize(copy, clearAromaticFlags: true);
            return copy;
        }
        catch (MoleculeException)
        {
            return m; // drawn with dashed aromatic bonds instead
        }
    }

    public string Draw()
    {
        Bounds();
        var body = new StringBuilder();
        Highlights(body);
        for (var bi = 0; bi < _m.BondCount; bi++) DrawBond(body, bi);
        for (var a = 0; a < _m.AtomCount; a++) DrawLabel(body, a);
        if (_o.ShowAtomIndices) Indices(body);
        var w = _maxX - _minX;
        var h = _maxY - _minY;
        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{F(w)}\" height=\"{F(h)}\" viewBox=\"{F(_minX)} {F(_minY)} {F(w)} {F(h)}\">\n");
        sb.Append(Inv, $"<rect class=\"background\" x=\"{F(_minX)}\" y=\"{F(_minY)}\" width=\"{F(w)}\" height=\"{F(h)}\" fill=\"white\"/>\n");
        sb.Append(body);
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private void Bounds()
    {
        _minX = _minY = double.MaxValue;
        _maxX = _maxY = double.MinValue;
        for (var a = 0; a < _px.Length; a++)
        {
            var ext = _labels[a] is { } l ? l.Extent : new Rect(_px[a].X, _px[a].Y, _px[a].X, _px[a].Y);
            _minX = Math.Min(_minX, ext.X0); _maxX = Math.Max(_maxX, ext.X1);
            _minY = Math.Min(_minY, ext.Y0); _maxY = Math.Max(_maxY, ext.Y1);
        }
        if (_px.Length == 0) _minX = _minY = _maxX = _maxY = 0;
        var pad = _o.Padding + (_o.HighlightAtoms is { Count: > 0 } ? _font * 0.6 : 0);
        _minX -= pad; _minY -= pad; _maxX += pad; _maxY += pad;
    }

    private void Highlights(StringBuilder sb)
    {
        var color = Escape(_o.HighlightColor);
        if (_o.HighlightBonds is { Count: > 0 } bonds)
            foreach (var bi in bonds)
            {
                if ((uint)bi >= (uint)_m.BondCount) continue;
                var b = _m.Bonds[bi];
                sb.Append(Inv, $"<line class=\"highlight\" x1=\"{F(_px[b.Begin].X)}\" y1=\"{F(_px[b.Begin].Y)}\" x2=\"{F(_px[b.End].X)}\" y2=\"{F(_px[b.End].Y)}\" stroke=\"{color}\" stroke-width=\"{F(_font * 0.9)}\" stroke-linecap=\"round\"/>\n");
            }
        if (_o.HighlightAtoms is { Count: > 0 } atoms)
            foreach (var a in atoms)
            {
                if ((uint)a >= (uint)_m.AtomCount) continue;
                sb.Append(Inv, $"<circle class=\"highlight\" cx=\"{F(_px[a].X)}\" cy=\"{F(_px[a].Y)}\" r=\"{F(_font * 0.75)}\" fill=\"{color}\"/>\n");
            }
    }

    /// <summary>Where a bond's line starts at atom <paramref name="a"/>: the atom itself, or the edge of its label.</summary>
    private Point2 EndPoint(int a, int other)
    {
        var p = _px[a];
        if (_labels[a] is not { } label) return p;
        var d = _px[other] - p;
        var len = d.Length;
        if (len < 1e-9) return p;
        var u = d * (1 / len);
        // Leave the label's box (around the element symbol), approximated by a circle-ish margin.
        var rx = label.HalfWidth + _font * 0.15;
        var ry = _font * 0.62;
        var t = Math.Min(Math.Abs(u.X) > 1e-9 ? rx / Math.Abs(u.X) : double.MaxValue, Math.Abs(u.Y) > 1e-9 ? ry / Math.Abs(u.Y) : double.MaxValue);
        t = Math.Min(t, len * 0.45);
        return p + u * t;
    }

    private void DrawBond(StringBuilder sb, int bi)
    {
        var b = _m.Bonds[bi];
        var kb = _kekule.Bonds[bi];
        var start = _wedges.Starts[bi];
        var wedge = _wedges.Wedges[bi];
        var a1 = b.Begin;
        var a2 = b.End;
        if ((wedge is BondWedge.Wedge or BondWedge.Hash) && start == b.End) (a1, a2) = (a2, a1);
        var p1 = EndPoint(a1, a2);
        var p2 = EndPoint(a2, a1);
        var c1 = AtomColor(a1);
        var c2 = AtomColor(a2);
        var stroke = _o.BondPixels * 0.06;
        var order = kb.Order;
        if (order == BondOrder.Single && wedge == BondWedge.Wedge) { Wedge(sb, p1, p2, c1); return; }
        if (order == BondOrder.Single && wedge == BondWedge.Hash) { Hash(sb, p1, p2, c1); return; }
        if (order == BondOrder.Single && wedge == BondWedge.Either) { Wavy(sb, p1, p2, c1); return; }
        switch (order)
        {
            case BondOrder.Double:
                DoubleBond(sb, bi, p1, p2, c1, c2, stroke, wedge == BondWedge.Either);
                break;
            case BondOrder.Triple:
                {
                    var n = Normal(p1, p2) * (_o.BondPixels * 0.13);
                    Line(sb, p1, p2, c1, c2, stroke, null);
                    Line(sb, p1 + n, p2 + n, c1, c2, stroke, null);
                    Line(sb, p1 - n, p2 - n, c1, c2, stroke, null);
                    break;
                }
            case BondOrder.Aromatic:
                {
                    // Only when kekulization failed: a solid and a dashed line.
                    Line(sb, p1, p2, c1, c2, stroke, null);
                    var (i1, i2) = InnerLine(bi, p1, p2);
                    Line(sb, i1, i2, c1, c2, stroke, "4,3");
                    break;
                }
            case BondOrder.Zero:
                Line(sb, p1, p2, c1, c2, stroke, "2,3");
                break;
            default:
                Line(sb, p1, p2, c1, c2, stroke, null);
                break;
        }
    }

    private void DoubleBond(StringBuilder sb, int bi, Point2 p1, Point2 p2, string c1, string c2, double stroke, bool crossed)
    {
        var b = _m.Bonds[bi];
        var centred = !_rings.IsBondInRing(bi) && (_m.Degree(b.Begin) == 1 || _m.Degree(b.End) == 1 || _labels[b.Begin] is not null && _labels[b.End] is not null);
        if (crossed)
        {
            var n = Normal(p1, p2) * (_o.BondPixels * 0.08);
            Line(sb, p1 + n, p2 - n, c1, c2, stroke, null);
            Line(sb, p1 - n, p2 + n, c1, c2, stroke, null);
            return;
        }
        if (centred)
        {
            var n = Normal(p1, p2) * (_o.BondPixels * 0.08);
            Line(sb, p1 + n, p2 + n, c1, c2, stroke, null);
            Line(sb, p1 - n, p2 - n, c1, c2, stroke, null);
            return;
        }
        Line(sb, p1, p2, c1, c2, stroke, null);
        var (i1, i2) = InnerLine(bi, p1, p2);
        Line(sb, i1, i2, c1, c2, stroke, null);
    }

    /// <summary>The second line of a double bond: towards the ring centre (or the side with more
    /// neighbours), shortened at unlabelled ends.</summary>
    private (Point2, Point2) InnerLine(int bi, Point2 p1, Point2 p2)
    {
        var b = _m.Bonds[bi];
        var n = Normal(p1, p2);
        var side = SideToward(bi);
        var off = n * (side * _o.BondPixels * 0.16);
        var along = p2 - p1;
        var shrink = 0.12;
        var s1 = _labels[b.Begin] is null && _labels[b.End] is null ? shrink : 0.0;
        return (p1 + along * s1 + off, p2 - along * s1 + off);
    }

    /// <summary>+1 or -1: the side of the bond (relative to <see cref="Normal"/>) where its ring, or most
    /// of its neighbours, lie.</summary>
    private double SideToward(int bi)
    {
        var b = _m.Bonds[bi];
        var p1 = _px[b.Begin];
        var n = Normal(p1, _px[b.End]);
        var best = int.MaxValue;
        Point2? centre = null;
        for (var r = 0; r < _rings.RingCount; r++)
        {
            var ring = _rings.BondRings[r];
            if (Array.IndexOf(ring, bi) < 0 || ring.Length >= best) continue;
            best = ring.Length;
            var c = new Point2(0, 0);
            foreach (var a in _rings.AtomRings[r]) c += _px[a];
            centre = c * (1.0 / _rings.AtomRings[r].Length);
        }
        if (centre is { } cc) return (cc - p1).Dot(n) >= 0 ? 1 : -1;
        var sum = 0.0;
        foreach (var end in (ReadOnlySpan<int>)[b.Begin, b.End])
            foreach (var x in _m.Neighbors(end))
                if (x != b.Begin && x != b.End) sum += (_px[x] - p1).Dot(n);
        return sum >= 0 ? 1 : -1;
    }

    private static Point2 Normal(Point2 p1, Point2 p2)
    {
        var d = p2 - p1;
        var len = d.Length;
        return len < 1e-9 ? new Point2(0, 1) : new Point2(-d.Y / len, d.X / len);
    }

    private void Line(StringBuilder sb, Point2 p1, Point2 p2, string c1, string c2, double width, string? dash)
    {
        var dashAttr = dash is null ? "" : $" stroke-dasharray=\"{dash}\"";
        if (c1 == c2)
        {
            sb.Append(Inv, $"<line class=\"bond\" x1=\"{F(p1.X)}\" y1=\"{F(p1.Y)}\" x2=\"{F(p2.X)}\" y2=\"{F(p2.Y)}\" stroke=\"{c1}\" stroke-width=\"{F(width)}\" stroke-linecap=\"round\"{dashAttr}/>\n");
            return;
        }
        // Each half in its atom's colour, as chemists' drawing programs do.
        var mid = (p1 + p2) * 0.5;
        sb.Append(Inv, $"<line class=\"bond\" x1=\"{F(p1.X)}\" y1=\"{F(p1.Y)}\" x2=\"{F(mid.X)}\" y2=\"{F(mid.Y)}\" stroke=\"{c1}\" stroke-width=\"{F(width)}\" stroke-linecap=\"round\"{dashAttr}/>\n");
        sb.Append(Inv, $"<line class=\"bond\" x1=\"{F(mid.X)}\" y1=\"{F(mid.Y)}\" x2=\"{F(p2.X)}\" y2=\"{F(p2.Y)}\" stroke=\"{c2}\" stroke-width=\"{F(width)}\" stroke-linecap=\"round\"{dashAttr}/>\n");
    }

    private void Wedge(StringBuilder sb, Point2 narrow, Point2 wide, string color)
    {
        var n = Normal(narrow, wide) * (_o.BondPixels * 0.12);
        var a = wide + n;
        var b = wide - n;
        sb.Append(Inv, $"<polygon class=\"wedge\" points=\"{F(narrow.X)},{F(narrow.Y)} {F(a.X)},{F(a.Y)} {F(b.X)},{F(b.Y)}\" fill=\"{color}\" stroke=\"{color}\" stroke-width=\"{F(_o.BondPixels * 0.02)}\"/>\n");
    }

    private void Hash(StringBuilder sb, Point2 narrow, Point2 wide, string color)
    {
        var d = wide - narrow;
        var n = Normal(narrow, wide);
        var count = Math.Max(4, (int)(d.Length / (_o.BondPixels * 0.12)));
        sb.Append("<g class=\"hash\">");
        for (var i = 0; i <= count; i++)
        {
            var t = (double)i / count;
            var c = narrow + d * t;
            var half = n * (_o.BondPixels * 0.12 * Math.Max(t, 0.08));
            sb.Append(Inv, $"<line x1=\"{F((c + half).X)}\" y1=\"{F((c + half).Y)}\" x2=\"{F((c - half).X)}\" y2=\"{F((c - half).Y)}\" stroke=\"{color}\" stroke-width=\"{F(_o.BondPixels * 0.045)}\"/>");
        }
        sb.Append("</g>\n");
    }

    private void Wavy(StringBuilder sb, Point2 p1, Point2 p2, string color)
    {
        var d = p2 - p1;
        var n = Normal(p1, p2) * (_o.BondPixels * 0.08);
        var waves = 6;
        var path = new StringBuilder();
        path.Append(Inv, $"M {F(p1.X)} {F(p1.Y)}");
        for (var i = 0; i < waves; i++)
        {
            var c = p1 + d * ((i + 0.5) / waves) + n * (i % 2 == 0 ? 1 : -1) * 2;
            var e = p1 + d * ((i + 1.0) / waves);
            path.Append(Inv, $" Q {F(c.X)} {F(c.Y)} {F(e.X)} {F(e.Y)}");
        }
        sb.Append(Inv, $"<path class=\"wavy\" d=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{F(_o.BondPixels * 0.05)}\"/>\n");
    }

    private void DrawLabel(StringBuilder sb, int a)
    {
        if (_labels[a] is not { } l) return;
        var color = AtomColor(a);
        var p = _px[a];
        var baseline = p.Y + _font * 0.35;
        sb.Append(Inv, $"<g class=\"atom-label\" fill=\"{color}\" font-family=\"sans-serif\" font-size=\"{F(_font)}\">");
        sb.Append(Inv, $"<text x=\"{F(p.X)}\" y=\"{F(baseline)}\" text-anchor=\"middle\">{Escape(l.Symbol)}</text>");
        if (l.Isotope.Length > 0)
            sb.Append(Inv, $"<text x=\"{F(p.X - l.HalfWidth)}\" y=\"{F(baseline - _font * 0.45)}\" text-anchor=\"end\" font-size=\"{F(_font * 0.65)}\">{l.Isotope}</text>");
        if (l.Hydrogens.Length > 0)
        {
            var anchor = l.HydrogensLeft ? "end" : "start";
            var x = l.HydrogensLeft ? p.X - l.HalfWidth - (l.Isotope.Length > 0 ? _font * 0.4 * l.Isotope.Length : 0) : p.X + l.HalfWidth;
            sb.Append(Inv, $"<text x=\"{F(x)}\" y=\"{F(baseline)}\" text-anchor=\"{anchor}\">H");
            if (l.Hydrogens.Length > 1) sb.Append(Inv, $"<tspan dy=\"{F(_font * 0.3)}\" font-size=\"{F(_font * 0.7)}\">{l.Hydrogens[1..]}</tspan>");
            sb.Append("</text>");
        }
        if (l.Charge.Length > 0)
        {
            var x = p.X + l.HalfWidth + (!l.HydrogensLeft && l.Hydrogens.Length > 0 ? _font * (0.6 + 0.4 * (l.Hydrogens.Length - 1)) : 0);
            sb.Append(Inv, $"<text x=\"{F(x)}\" y=\"{F(baseline - _font * 0.5)}\" text-anchor=\"start\" font-size=\"{F(_font * 0.7)}\">{l.Charge}</text>");
        }
        sb.Append("</g>\n");
    }

    private void Indices(StringBuilder sb)
    {
        for (var a = 0; a < _m.AtomCount; a++)
        {
            var p = _px[a] + new Point2(_font * 0.45, _font * 0.75);
            sb.Append(Inv, $"<text class=\"atom-index\" x=\"{F(p.X)}\" y=\"{F(p.Y)}\" font-family=\"sans-serif\" font-size=\"{F(_font * 0.55)}\" fill=\"#3050c0\">{a}</text>\n");
        }
    }

    private string AtomColor(int a)
    {
        if (!_o.ColorAtoms) return "#000000";
        return _m.Atoms[a].Element switch
        {
            7 => "#2040d0",
            8 => "#e00000",
            9 or 17 => "#10a020",
            35 => "#a02020",
            53 => "#800080",
            15 => "#e07000",
            16 => "#b09000",
            5 => "#c07060",
            0 => "#606060",
            _ => "#000000",
        };
    }

    internal static string F(double v) => v.ToString("0.##", Inv);

    internal static string Escape(string s) =>
        s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
         .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
