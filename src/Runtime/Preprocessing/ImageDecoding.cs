using System.Runtime.InteropServices;
using OpenCvSharp;

namespace Sieve.Runtime.Preprocessing;

/// <summary>Image files and bytes to <see cref="RgbImage"/> through OpenCV.</summary>
public static class ImageDecoding
{
    // PIL (what HF reads images with) does not apply EXIF orientation, so neither do we.
    private const ImreadModes Mode = ImreadModes.Color | ImreadModes.IgnoreOrientation;

    /// <exception cref="ImageInputException">Missing file or not an image OpenCV can read.</exception>
    public static RgbImage ReadFile(string path)
    {
        if (!File.Exists(path))
            throw new ImageInputException(path, "file not found");
        return Decode(File.ReadAllBytes(path), path);
    }

    /// <summary>Decodes PNG/JPEG/BMP/WebP/TIFF bytes (alpha dropped, grey made RGB, as PIL's convert("RGB")).</summary>
    /// <exception cref="ImageInputException">Not an image OpenCV can read.</exception>
    public static RgbImage Decode(byte[] encoded, string source)
    {
        if (encoded.Length == 0)
            throw new ImageInputException(source, "empty image data");
        using var bgr = Cv2.ImDecode(encoded, Mode);
        if (bgr.Empty())
            throw new ImageInputException(source, "not an image format OpenCV can decode (PNG, JPEG, BMP, WebP, TIFF...)");
        return FromBgr(bgr, source);
    }

    /// <summary>An 8-bit 3-channel BGR <see cref="Mat"/> (OpenCV's usual layout) as RGB.</summary>
    public static RgbImage FromBgr(Mat bgr, string source = "image")
    {
        if (bgr.Type() != MatType.CV_8UC3)
            throw new ImageInputException(source, $"expected an 8-bit 3-channel image, got {bgr.Type()}");
        using var rgb = new Mat();
        Cv2.CvtColor(bgr, rgb, ColorConversionCodes.BGR2RGB);
        int width = rgb.Width, height = rgb.Height;
        var image = RgbImage.Blank(width, height);
        var rowBytes = width * 3;
        for (var y = 0; y < height; y++)
            Marshal.Copy(rgb.Ptr(y), image.Pixels, y * rowBytes, rowBytes);
        return image;
    }
}
