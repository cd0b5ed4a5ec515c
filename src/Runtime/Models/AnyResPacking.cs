using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>
/// transformers' <c>LlavaNextModel.pack_image_features</c> for one image: the thumbnail's features, then the grid
/// tiles' features laid out as one patch grid (tile rows × patch rows, tile columns × patch columns), unpadded, with
/// <c>image_newline</c> appended to every row, flattened row by row.
/// </summary>
public static class AnyResPacking
{
    /// <param name="tiles">[TileCount, Side², D]: thumbnail first, then the grid tiles row by row (projected features).</param>
    /// <param name="layout">The image's AnyRes layout.</param>
    /// <param name="newline">[D] the image_newline parameter.</param>
    /// <returns>[PackedLength, D]. Call inside a dispose scope.</returns>
    public static Tensor Pack(Tensor tiles, AnyResLayout layout, Tensor newline)
    {
        long d = tiles.shape[2], side = layout.Side;
        if (tiles.shape[0] != layout.TileCount || tiles.shape[1] != side * side)
            throw new ArgumentException(
                $"image features [{string.Join(", ", tiles.shape)}] do not fit the AnyRes layout " +
                $"({layout.TileCount} tiles of {side * side} patches)");
        var thumbnail = tiles[0];
        // [rows·cols, s·s, D] → [rows, cols, s, s, D] → [D, rows, s, cols, s] → [D, rows·s, cols·s]
        var grid = tiles.narrow(0, 1, layout.TileCount - 1)
            .view(layout.GridRows, layout.GridColumns, side, side, d)
            .permute(4, 0, 2, 1, 3)
            .reshape(d, layout.GridRows * side, layout.GridColumns * side)
            .narrow(1, layout.RowStart, layout.RowCount)
            .narrow(2, layout.ColumnStart, layout.ColumnCount);
        var newlines = newline.to(grid.dtype).view(d, 1, 1).expand(d, layout.RowCount, 1);
        var rows = cat([grid, newlines], 2).reshape(d, (long)layout.RowCount * (layout.ColumnCount + 1)).t();
        return cat([thumbnail, rows], 0);
    }
}
