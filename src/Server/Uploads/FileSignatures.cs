namespace Sieve.Server.Uploads;

/// <summary>What a file really is, by its first bytes, so a file named .png that is not a PNG (or a zip that is a
/// PNG) is refused by what it contains, not trusted by its name.</summary>
public static class FileSignatures
{
    private static readonly byte[] Zip = "PK\u0003\u0004"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();

    public static bool IsZip(ReadOnlySpan<byte> head) => head.StartsWith(Zip);

    /// <summary>A short name for what <paramref name="head"/> looks like, for messages.</summary>
    public static string Describe(ReadOnlySpan<byte> head) =>
        head.StartsWith(Zip) ? "a zip archive"
        : head.StartsWith(Png) ? "a PNG image"
        : head.StartsWith(Jpeg) ? "a JPEG image"
        : head.StartsWith(Pdf) ? "a PDF"
        : head.Length == 0 ? "empty"
        : "unrecognised bytes";

    /// <summary>Whether content under <paramref name="extension"/> carries that type's signature; text types are
    /// accepted when they hold no NUL byte in their first kilobyte.</summary>
    public static bool Matches(string extension, ReadOnlySpan<byte> content) => extension switch
    {
        ".png" => content.StartsWith(Png),
        ".jpg" or ".jpeg" => content.StartsWith(Jpeg),
        ".pdf" => content.StartsWith(Pdf),
        _ => !content[..Math.Min(content.Length, 1024)].Contains((byte)0),
    };
}
