using OpenCvSharp;
using OpenCvSharp.XImgProc;

namespace Sieve.Ocsr.Vector;

/// <summary>One-pixel centre lines of the ink. Zhang–Suen (OpenCV ximgproc) first: it thins a bold line or a wedge
/// to the same clean centre line as a thin one. But it can erase a free-ended diagonal line whole — its tip keeps
/// qualifying for deletion, so the line unzips back to the nearest junction (a 45° methyl, the C–O of a drawn OH
/// beside it). Such a component is recognised by ink left far from any centre line, and it alone is thinned again
/// by Guo–Hall, which keeps those lines (but leaves spurs on short bold strokes, so it is not used everywhere).</summary>
internal static class Thinning
{
    /// <param name="raster">ink 255 / paper 0, row-major <paramref name="width"/> × <paramref name="height"/>.</param>
    /// <param name="components">the connected-component id of every pixel (0 for paper).</param>
    /// <returns>The skeleton: 255 on the centre lines.</returns>
    public static byte[] CentreLines(byte[] raster, int[] components, int width, int height)
    {
        using var source = Mat.FromPixelData(height, width, MatType.CV_8UC1, raster);
        using var thin = new Mat();
        CvXImgProc.Thinning(source, thin, ThinningTypes.ZHANGSUEN);
        thin.GetArray(out byte[] skeleton);

        long inkPixels = raster.LongCount(b => b != 0), skeletonPixels = skeleton.LongCount(b => b != 0);
        if (skeletonPixels == 0) return skeleton;
        var stroke = Math.Max(1, (double)inkPixels / skeletonPixels);
        // Every ink pixel of a line lies within about half a line width of its centre line (a little more at a
        // line's end); ink twice the width away from any centre line was erased with its line.
        var limit = Math.Max(4, 2 * stroke);
        using var paper = new Mat();
        Cv2.Compare(thin, new Scalar(0), paper, CmpTypes.EQ);
        using var distance = new Mat();
        Cv2.DistanceTransform(paper, distance, DistanceTypes.L2, DistanceTransformMasks.Mask3);
        distance.GetArray(out float[] away);
        var lost = new HashSet<int>();
        for (var i = 0; i < raster.Length; i++)
            if (raster[i] != 0 && away[i] > limit) lost.Add(components[i]);
        if (lost.Count == 0) return skeleton;

        var again = new byte[raster.Length];
        for (var i = 0; i < raster.Length; i++)
            if (raster[i] != 0 && lost.Contains(components[i])) again[i] = 255;
        using var againSource = Mat.FromPixelData(height, width, MatType.CV_8UC1, again);
        using var againThin = new Mat();
        CvXImgProc.Thinning(againSource, againThin, ThinningTypes.GUOHALL);
        againThin.GetArray(out byte[] replacement);
        for (var i = 0; i < raster.Length; i++)
            if (lost.Contains(components[i])) skeleton[i] = replacement[i];
        return skeleton;
    }
}
