using Sieve.Runtime.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Reduction;

/// <summary>Where the thumbnail's kept tokens go in the prompt.</summary>
public enum ThumbnailOrder
{
    /// <summary>By descending [CLS] score, as the reference's compress_thumbnail leaves them (the default).</summary>
    Score,

    /// <summary>In their original row-major order (a named deviation: every kept token keeps its relative order).</summary>
    Spatial,
}

/// <summary>
/// GlobalCom² (Liu et al., "Compression with Global Guidance"; reference <c>xuyang-liu16/GlobalCom2</c> @96b2d00,
/// <c>llava/model/llava_arch.py</c>) for LLaVA-NeXT AnyRes images, on the packed sequence:
/// <list type="number">
/// <item>Scores: the last CLIP layer's pre-softmax [CLS]→patch attention logits, averaged over heads, per tile.</item>
/// <item>Thumbnail: keeps its top <c>int(N·R)</c> tokens by score (order: <see cref="Order"/>).</item>
/// <item>Per-crop retention: thumbnail scores summed over the crop each thumbnail patch falls in (thumbnail cell
///   (i, j) → crop (min(i // (s // rows), rows−1), min(j // (s // cols), cols−1))), σ = softmax of the sums at
///   temperature 10 (shifted by the max, denominator + 1e-8), r_j = min(1, R·(1 + σ_j − mean σ)).</item>
/// <item>Crop tokens: only the unpadded ones compete; each crop keeps its top <c>int(N_j·r_j)</c> by
///   ‖local‖₂-normalised + ‖global‖₂-normalised scores, local = the crop's own [CLS] scores, global = the thumbnail's
///   score map resized bilinearly (align_corners=False) to the unpadded grid and cut at the crops' borders. Kept crop
///   tokens stay in spatial order; every row's image_newline is kept.</item>
/// </list>
/// Deviations, each named: (a) R = 1 returns the packed sequence unchanged (the formula would still drop tokens of
/// crops with σ_j below the mean); (b) newlines only for the rows unpadding keeps — the reference appends one to every
/// row of the padded grid, rows the unreduced model does not have; (c) the global map's rows are split at each grid
/// row's first non-empty crop (the reference uses the first crop's height, which is 0 when a whole column is padding,
/// and then gives every row the top row's scores); (d) ties in scores go to the lower index (torch's topk/argsort
/// leave them unspecified); (e) scores are float64 here (the reference runs in fp16); (f) each image uses its own
/// scores (the reference indexes the batch's first image, so it is right for single-image prompts only).
/// </summary>
public sealed class GlobalCom2Reducer : IAnyResFeatureReducer, IVisionFeatureReducer
{
    /// <summary>The reference's softmax temperature over per-crop thumbnail score sums.</summary>
    public const double Temperature = 10.0;

    /// <param name="retention">R in (0, 1]: the overall fraction of image tokens kept (the reference's default 0.25).</param>
    public GlobalCom2Reducer(double retention, ThumbnailOrder order = ThumbnailOrder.Score)
    {
        if (!(retention > 0 && retention <= 1))
            throw new ArgumentOutOfRangeException(nameof(retention), retention, "GlobalCom² retention ratio must be in (0, 1]");
        Retention = retention;
        Order = order;
    }

    /// <summary>
    /// Spec <c>globalcom2:R[:thumb=score|spatial]</c>, R in (0, 1] the retention ratio (the paper's 0.25 is
    /// <c>globalcom2:0.25</c>); composes with a decoder-side method, e.g. <c>globalcom2:0.25,dart:128</c>.
    /// </summary>
    public static GlobalCom2Reducer FromStep(ReductionStep step)
    {
        step.AllowOnly("thumb");
        if (step.Amount is null || !double.TryParse(step.Amount, System.Globalization.NumberStyles.AllowDecimalPoint,
                System.Globalization.CultureInfo.InvariantCulture, out var r) || !(r > 0 && r <= 1))
            throw new ReductionSpecException(
                $"reduction spec '{step.Text}': globalcom2 needs a retention ratio in (0, 1], e.g. globalcom2:0.25");
        return new GlobalCom2Reducer(r, step.Choice("thumb", "score", "spatial") == "spatial" ? ThumbnailOrder.Spatial : ThumbnailOrder.Score);
    }

    public double Retention { get; }
    public ThumbnailOrder Order { get; }

    /// <summary>LLaVA-1.5 has no thumbnail and crops for GlobalCom² to work on.</summary>
    public IReadOnlyList<Tensor> Reduce(VisionReductionInput input) => throw new NotSupportedException(
        "GlobalCom² compresses LLaVA-NeXT AnyRes crops under a thumbnail; this LLaVA-1.5 model has one square grid");

    public long[] SelectKept(AnyResReductionInput input)
    {
        var layout = input.Layout;
        if (Retention >= 1)
            return Enumerable.Range(0, layout.PackedLength).Select(i => (long)i).ToArray();
        int side = layout.Side, perTile = side * side;
        if (input.ClassTokenScores.shape[0] != layout.TileCount || input.ClassTokenScores.shape[1] != perTile)
            throw new ArgumentException(
                $"class-token scores [{string.Join(", ", input.ClassTokenScores.shape)}] do not fit {layout.TileCount} tiles of {perTile} patches");
        using var scope = NewDisposeScope();
        var scores = input.ClassTokenScores.to(ScalarType.Float64, CPU).contiguous();
        var thumbnail = scores[0].data<double>().ToArray();

        var kept = new List<long>(layout.PackedLength);
        var thumbnailKept = TopK(thumbnail, (int)(perTile * Retention));
        if (Order == ThumbnailOrder.Spatial)
            Array.Sort(thumbnailKept);
        kept.AddRange(thumbnailKept.Select(i => (long)i));

        var ratios = CropRetention(thumbnail, side, layout.GridRows, layout.GridColumns, Retention);
        var global = GlobalScores(scores[0], layout);
        var keptGrid = new bool[layout.RowCount, layout.ColumnCount];
        var globalTop = 0;
        for (var gr = 0; gr < layout.GridRows; gr++)
        {
            var globalLeft = 0;
            var rowHeight = 0;
            for (var gc = 0; gc < layout.GridColumns; gc++)
            {
                var crop = gr * layout.GridColumns + gc;
                var (r0, r1) = Overlap(gr * side, layout.RowStart, layout.RowCount, side);
                var (c0, c1) = Overlap(gc * side, layout.ColumnStart, layout.ColumnCount, side);
                int h = r1 - r0, w = c1 - c0;
                if (h <= 0 || w <= 0)
                    continue;
                rowHeight = rowHeight == 0 ? h : rowHeight;
                var local = scores[1 + crop].data<double>();
                var localValid = new double[h * w];
                var globalValid = new double[h * w];
                for (var y = 0; y < h; y++)
                    for (var x = 0; x < w; x++)
                    {
                        localValid[y * w + x] = local[(r0 + y) * side + c0 + x];
                        globalValid[y * w + x] = global[globalTop + y, globalLeft + x];
                    }
                Normalize(localValid);
                Normalize(globalValid);
                var combined = localValid.Zip(globalValid, (a, b) => a + b).ToArray();
                foreach (var i in TopK(combined, (int)(h * w * ratios[crop])))
                {
                    int row = gr * side + r0 + i / w, column = gc * side + c0 + i % w;
                    keptGrid[row - layout.RowStart, column - layout.ColumnStart] = true;
                }
                globalLeft += w;
            }
            globalTop += rowHeight;
        }
        for (var r = 0; r < layout.RowCount; r++)
        {
            for (var c = 0; c < layout.ColumnCount; c++)
                if (keptGrid[r, c])
                    kept.Add(layout.GridTokenIndex(layout.RowStart + r, layout.ColumnStart + c));
            kept.Add(layout.NewlineIndex(r));
        }
        return [.. kept];
    }

    /// <summary>
    /// The reference's generate_scale_for_crop_features: per crop (row-major), r_j = min(1, R·(1 + σ_j − mean σ))
    /// with σ the temperature-10 softmax of the thumbnail scores summed over the thumbnail cells mapped to crop j.
    /// </summary>
    public static double[] CropRetention(IReadOnlyList<double> thumbnail, int side, int gridRows, int gridColumns, double retention)
    {
        int cellW = Math.Max(side / gridColumns, 1), cellH = Math.Max(side / gridRows, 1), n = gridRows * gridColumns;
        var sums = new double[n];
        for (var idx = 0; idx < thumbnail.Count; idx++)
        {
            int i = idx / side, j = idx % side;
            int pi = Math.Min(i / cellH, gridRows - 1), pj = Math.Min(j / cellW, gridColumns - 1);
            sums[pi * gridColumns + pj] += thumbnail[idx];
        }
        var max = sums.Max();
        var exp = sums.Select(s => Math.Exp((s - max) / Temperature)).ToArray();
        var total = exp.Sum() + 1e-8;
        var softmax = exp.Select(e => e / total).ToArray();
        if (softmax.Sum() == 0)
            return Enumerable.Repeat(retention, n).ToArray();
        var mean = softmax.Average();
        return softmax.Select(s => Math.Min(retention * (1 + s - mean), 1.0)).ToArray();
    }

    /// <summary>The thumbnail's score map resized bilinearly (align_corners=False) to the unpadded grid [rows, cols].</summary>
    private static double[,] GlobalScores(Tensor thumbnail, AnyResLayout layout)
    {
        var map = nn.functional.interpolate(thumbnail.view(1, 1, layout.Side, layout.Side),
            [layout.RowCount, layout.ColumnCount], mode: InterpolationMode.Bilinear, align_corners: false);
        var values = map.reshape(-1).data<double>().ToArray();
        var grid = new double[layout.RowCount, layout.ColumnCount];
        for (var r = 0; r < layout.RowCount; r++)
            for (var c = 0; c < layout.ColumnCount; c++)
                grid[r, c] = values[r * layout.ColumnCount + c];
        return grid;
    }

    /// <summary>Tile-local [start, end) of the kept range [keepStart, keepStart + keepCount) inside a tile at tileStart.</summary>
    private static (int Start, int End) Overlap(int tileStart, int keepStart, int keepCount, int side) =>
        (Math.Max(keepStart, tileStart) - tileStart, Math.Min(keepStart + keepCount, tileStart + side) - tileStart);

    /// <summary>F.normalize(p=2): x / max(‖x‖₂, 1e-12).</summary>
    private static void Normalize(double[] x)
    {
        var norm = Math.Max(Math.Sqrt(x.Sum(v => v * v)), 1e-12);
        for (var i = 0; i < x.Length; i++)
            x[i] /= norm;
    }

    /// <summary>Indices of the k largest values, largest first; equal values by lower index.</summary>
    private static int[] TopK(IReadOnlyList<double> values, int k) =>
        Enumerable.Range(0, values.Count).OrderByDescending(i => values[i]).ThenBy(i => i).Take(Math.Max(k, 0)).ToArray();
}
