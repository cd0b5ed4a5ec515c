namespace Sieve.Chemistry.Depiction;

/// <summary>A 2D drawing position, in the same units as molfile coordinates (bond length 1.5, as RDKit).</summary>
public readonly record struct Point2(double X, double Y)
{
    public static Point2 operator +(Point2 a, Point2 b) => new(a.X + b.X, a.Y + b.Y);
    public static Point2 operator -(Point2 a, Point2 b) => new(a.X - b.X, a.Y - b.Y);
    public static Point2 operator *(Point2 a, double k) => new(a.X * k, a.Y * k);

    public double Length => Math.Sqrt(X * X + Y * Y);

    /// <summary>z of the cross product: positive when <paramref name="b"/> turns counter-clockwise from this.</summary>
    public double Cross(Point2 b) => X * b.Y - Y * b.X;

    public double Dot(Point2 b) => X * b.X + Y * b.Y;

    public static Point2 FromAngle(double radians, double length) => new(Math.Cos(radians) * length, Math.Sin(radians) * length);

    public double Angle => Math.Atan2(Y, X);
}
