namespace Sieve.Ocsr.Vector;

/// <summary>Zhang–Suen thinning of a binary raster to one-pixel-wide centre lines. Bonds become curves whose
/// ends and junctions are the atoms; a wedge or a bold line thins to the same centre line as a thin one.</summary>
internal static class Skeleton
{
    /// <summary>Thins <paramref name="ink"/> (row-major, non-zero = ink) in place.</summary>
    public static void Thin(byte[] ink, int width, int height)
    {
        var remove = new List<int>();
        bool changed;
        do
        {
            changed = false;
            for (var pass = 0; pass < 2; pass++)
            {
                remove.Clear();
                for (var y = 1; y < height - 1; y++)
                {
                    var row = y * width;
                    for (var x = 1; x < width - 1; x++)
                    {
                        var i = row + x;
                        if (ink[i] == 0) continue;
                        int p2 = B(ink, i - width), p3 = B(ink, i - width + 1), p4 = B(ink, i + 1), p5 = B(ink, i + width + 1);
                        int p6 = B(ink, i + width), p7 = B(ink, i + width - 1), p8 = B(ink, i - 1), p9 = B(ink, i - width - 1);
                        var neighbours = p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9;
                        if (neighbours < 2 || neighbours > 6) continue;
                        var transitions = T(p2, p3) + T(p3, p4) + T(p4, p5) + T(p5, p6) + T(p6, p7) + T(p7, p8) + T(p8, p9) + T(p9, p2);
                        if (transitions != 1) continue;
                        if (pass == 0 ? p2 * p4 * p6 != 0 || p4 * p6 * p8 != 0 : p2 * p4 * p8 != 0 || p2 * p6 * p8 != 0) continue;
                        remove.Add(i);
                    }
                }
                foreach (var i in remove) ink[i] = 0;
                changed |= remove.Count > 0;
            }
        } while (changed);
    }

    private static int B(byte[] ink, int i) => ink[i] != 0 ? 1 : 0;

    private static int T(int a, int b) => a == 0 && b == 1 ? 1 : 0;
}
