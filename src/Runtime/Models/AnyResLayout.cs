namespace Sieve.Runtime.Models;

/// <summary>
/// LLaVA-NeXT's AnyRes geometry for one image, as transformers computes it (image_processing_utils'
/// <c>select_best_resolution</c>, modeling_llava_next's <c>get_anyres_image_grid_shape</c> and <c>unpad_image</c>,
/// processing_llava_next's <c>_get_number_of_features</c>): which grid resolution the image is resized and padded to,
/// how many tiles of the tower's input size that makes, and which rows/columns of the tiles' joint patch grid
/// survive unpadding. Sizes are (height, width) as transformers' LLaVA-NeXT writes them.
/// </summary>
/// <param name="ImageSize">The original image (height, width) in pixels.</param>
/// <param name="Resolution">The chosen grid pinpoint (height, width) in pixels.</param>
/// <param name="GridRows">Tiles down (resolution height / tile size).</param>
/// <param name="GridColumns">Tiles across.</param>
/// <param name="Side">Patches per tile side (tile size / patch size): each tile yields Side² features.</param>
/// <param name="RowStart">First patch row of the joint grid (GridRows·Side rows) kept by unpadding.</param>
/// <param name="RowCount">Patch rows kept.</param>
/// <param name="ColumnStart">First patch column kept.</param>
/// <param name="ColumnCount">Patch columns kept.</param>
public sealed record AnyResLayout(
    (int Height, int Width) ImageSize, (int Height, int Width) Resolution, int GridRows, int GridColumns, int Side,
    int RowStart, int RowCount, int ColumnStart, int ColumnCount)
{
    /// <summary>Tiles fed to the tower: the thumbnail (whole image resized to one tile) first, then the grid row by row.</summary>
    public int TileCount => 1 + GridRows * GridColumns;

    /// <summary>Features of the thumbnail, which come first in the packed sequence.</summary>
    public int ThumbnailLength => Side * Side;

    /// <summary>Packed length: thumbnail + the unpadded grid with one image_newline after each of its rows.</summary>
    public int PackedLength => ThumbnailLength + RowCount * (ColumnCount + 1);

    /// <summary>Packed index of the newline that ends unpadded row <paramref name="row"/> (0-based within the kept rows).</summary>
    public int NewlineIndex(int row) => ThumbnailLength + row * (ColumnCount + 1) + ColumnCount;

    /// <summary>Packed index of the grid token at joint-grid (row, column), which must lie in the unpadded region.</summary>
    public int GridTokenIndex(int row, int column) =>
        ThumbnailLength + (row - RowStart) * (ColumnCount + 1) + (column - ColumnStart);

    /// <summary>
    /// The layout of an image of <paramref name="imageSize"/> (height, width) under <paramref name="pinpoints"/>
    /// (height, width) with square tiles of <paramref name="tileSize"/> px cut into <paramref name="patchSize"/> px patches.
    /// </summary>
    /// <exception cref="ArgumentException">Empty or non-positive sizes, or pinpoints that are not multiples of the tile.</exception>
    public static AnyResLayout Create((int Height, int Width) imageSize, IReadOnlyList<(int Height, int Width)> pinpoints,
        int tileSize, int patchSize)
    {
        if (imageSize.Height <= 0 || imageSize.Width <= 0)
            throw new ArgumentException($"image size {imageSize.Height}x{imageSize.Width} (height x width) must be positive");
        if (tileSize <= 0 || patchSize <= 0 || tileSize % patchSize != 0)
            throw new ArgumentException($"tile size {tileSize} must be a positive multiple of patch size {patchSize}");
        var resolution = SelectBestResolution(imageSize, pinpoints);
        if (resolution.Height % tileSize != 0 || resolution.Width % tileSize != 0)
            throw new ArgumentException(
                $"image_grid_pinpoints entry [{resolution.Height}, {resolution.Width}] is not a multiple of the {tileSize} px tile");
        int rows = resolution.Height / tileSize, columns = resolution.Width / tileSize, side = tileSize / patchSize;
        var (rowStart, rowCount, columnStart, columnCount) = Unpad(imageSize, rows * side, columns * side);
        return new AnyResLayout(imageSize, resolution, rows, columns, side, rowStart, rowCount, columnStart, columnCount);
    }

    /// <summary>
    /// transformers' <c>select_best_resolution</c>: the pinpoint that shows the most of the image once it is scaled to
    /// fit (effective pixels, capped at the original's), ties broken by the least wasted area; first wins on equal
    /// waste. Scales and truncations are float64 and int() as in Python.
    /// </summary>
    public static (int Height, int Width) SelectBestResolution((int Height, int Width) imageSize,
        IReadOnlyList<(int Height, int Width)> pinpoints)
    {
        if (pinpoints.Count == 0)
            throw new ArgumentException("image_grid_pinpoints is empty");
        var (oh, ow) = imageSize;
        (int, int)? best = null;
        long maxEffective = 0, minWasted = long.MaxValue;
        foreach (var (h, w) in pinpoints)
        {
            if (h <= 0 || w <= 0)
                throw new ArgumentException($"image_grid_pinpoints entry [{h}, {w}] must be positive");
            var scale = Math.Min((double)w / ow, (double)h / oh);
            long downW = (long)(ow * scale), downH = (long)(oh * scale);
            var effective = Math.Min(downW * downH, (long)ow * oh);
            var wasted = (long)w * h - effective;
            if (effective > maxEffective || (effective == maxEffective && wasted < minWasted))
            {
                maxEffective = effective;
                minWasted = wasted;
                best = (h, w);
            }
        }
        // Python returns None when every candidate has zero effective area; that cannot happen for positive sizes.
        return best ?? throw new ArgumentException($"no pinpoint fits image {oh}x{ow}");
    }

    /// <summary>
    /// transformers' <c>unpad_image</c> on a grid of <paramref name="gridHeight"/>×<paramref name="gridWidth"/>
    /// patches: the side the aspect ratio left padded is cut by <c>(current − int(round(original·scale, 7))) // 2</c>
    /// at both ends. Python's round(x, 7) is taken as .NET's round-half-even to 7 digits (they agree except on
    /// values within 1e-16 of a half, which patch counts never are).
    /// </summary>
    public static (int RowStart, int RowCount, int ColumnStart, int ColumnCount) Unpad(
        (int Height, int Width) original, int gridHeight, int gridWidth)
    {
        var (oh, ow) = original;
        var originalAspect = (double)ow / oh;
        var currentAspect = (double)gridWidth / gridHeight;
        if (originalAspect > currentAspect)
        {
            var scale = (double)gridWidth / ow;
            var newHeight = (int)Math.Round(oh * scale, 7, MidpointRounding.ToEven);
            var padding = FloorDiv(gridHeight - newHeight, 2);
            return (padding, gridHeight - 2 * padding, 0, gridWidth);
        }
        else
        {
            var scale = (double)gridHeight / oh;
            var newWidth = (int)Math.Round(ow * scale, 7, MidpointRounding.ToEven);
            var padding = FloorDiv(gridWidth - newWidth, 2);
            return (0, gridHeight, padding, gridWidth - 2 * padding);
        }
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);
}
