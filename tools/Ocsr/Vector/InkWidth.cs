using OpenCvSharp;

namespace Sieve.Ocsr.Vector;

/// <summary>Width of the ink across a line at a point: the run of ink pixels along the line's normal through
/// the point (searched a little to either side when the point itself fell on paper).</summary>
internal sealed class InkWidth
{
    private readonly byte[] _ink;
    private readonly int _w, _h;

    public InkWidth(Mat ink)
    {
        _w = ink.Width;
        _h = ink.Height;
        ink.GetArray(out _ink);
    }

    public bool IsInk(double x, double y)
    {
        int ix = (int)Math.Round(x), iy = (int)Math.Round(y);
        return ix >= 0 && iy >= 0 && ix < _w && iy < _h && _ink[iy * _w + ix] != 0;
    }

    /// <summary>Ink width at <paramref name="p"/> across the unit direction <paramref name="along"/>, at most
    /// <paramref name="limit"/>; 0 when no ink lies within <paramref name="search"/> of the point.</summary>
    public double Across(Pt p, Pt along, double limit, double search)
    {
        var n = new Pt(-along.Y, along.X);
        var start = double.NaN;
        for (var s = 0.0; s <= search; s += 0.5)
        {
            if (IsInk(p.X + n.X * s, p.Y + n.Y * s)) { start = s; break; }
            if (IsInk(p.X - n.X * s, p.Y - n.Y * s)) { start = -s; break; }
        }
        if (double.IsNaN(start)) return 0;
        double hi = start, lo = start;
        while (hi - start < limit && IsInk(p.X + n.X * (hi + 0.5), p.Y + n.Y * (hi + 0.5))) hi += 0.5;
        while (start - lo < limit && IsInk(p.X + n.X * (lo - 0.5), p.Y + n.Y * (lo - 0.5))) lo -= 0.5;
        return hi - lo + 1;
    }
}
