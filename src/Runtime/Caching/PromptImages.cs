using System.Runtime.InteropServices;
using System.Security.Cryptography;
using static TorchSharp.torch;

namespace Sieve.Runtime.Caching;

/// <summary>
/// A prompt's images as prefill needs them: a content hash per image (the prefix cache's key) and a way to get the
/// pixel values of those that must be encoded, so that images inside a reused prefix are neither preprocessed nor
/// run through the vision tower again.
/// </summary>
/// <param name="Hashes">One per image, in prompt order.</param>
/// <param name="Pixels">Given image indices (ascending), their preprocessed pixel values [n, 3, H, W]; called inside
/// the prefill's dispose scope.</param>
/// <param name="Sizes">LLaVA-NeXT only: each image's original (height, width), which its AnyRes layout depends on.</param>
public sealed record PromptImages(IReadOnlyList<string> Hashes, Func<IReadOnlyList<int>, Tensor> Pixels,
    IReadOnlyList<(int Height, int Width)>? Sizes = null)
{
    public static PromptImages None { get; } = new([], _ => throw new InvalidOperationException("the prompt has no images"));

    public int Count => Hashes.Count;

    /// <summary>
    /// Images given as pixel values [images, 3, H, W] (the CLI's and tests' input): each hashed over its float32
    /// values, since that is all there is of it (and, for LLaVA-NeXT, its original size, which sets how its tiles
    /// are packed). Null pixels: no images.
    /// </summary>
    public static PromptImages FromPixels(Tensor? pixels, IReadOnlyList<(int Height, int Width)>? sizes = null)
    {
        if (pixels is null) return None;
        var hashes = new string[pixels.shape[0]];
        using (NewDisposeScope())
            for (int i = 0; i < hashes.Length; i++)
            {
                var values = pixels[i].to_type(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
                hashes[i] = "pixels-sha256:" + Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(values.AsSpan())))
                    + (sizes is null ? "" : $"@{sizes[i].Height}x{sizes[i].Width}");
            }
        return new PromptImages(hashes, indices =>
            indices.Count == pixels.shape[0] ? pixels : pixels.index_select(0, tensor(indices.Select(i => (long)i).ToArray(), device: pixels.device)),
            sizes);
    }

    /// <summary>
    /// The hash of an image file's bytes, as a chat request carries them. Hashing the encoded bytes rather than the
    /// preprocessed pixels lets a hit skip decoding-to-pixels, preprocessing and the vision tower; it is sound because
    /// one model's preprocessing is a fixed function of those bytes (each model has its own cache). The same picture
    /// encoded differently only misses.
    /// </summary>
    public static string FileHash(ReadOnlySpan<byte> encoded) => "file-sha256:" + Convert.ToHexStringLower(SHA256.HashData(encoded));
}
