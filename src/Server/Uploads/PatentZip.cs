using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Sieve.Server.Hosting;

namespace Sieve.Server.Uploads;

/// <summary>Unpacks an uploaded patent package zip into memory, refusing before anything is written: too many
/// entries, names that leave the package (absolute, "..", links), file types a package does not hold, content that
/// is not what its name says, and more bytes out than <c>MaxExtractedBytes</c> (counted as they come out, so a
/// zip bomb's lying headers do not help it). A single top folder is stripped, so zipping the package folder itself
/// or its contents both work.</summary>
public static class PatentZip
{
    /// <summary>The file types a patent package holds (claims, formulas, metadata, drawings, the patent PDF).</summary>
    public static readonly IReadOnlySet<string> AllowedExtensions =
        new HashSet<string>(StringComparer.Ordinal) { ".txt", ".md", ".json", ".tsv", ".csv", ".src", ".cxsmi", ".smi", ".mol", ".sdf", ".png", ".jpg", ".jpeg", ".pdf" };

    private const string Parameter = "patent";

    /// <param name="folderOfPackages">False: one package (claims.txt at the top, or under one top folder). True: a
    /// folder of packages (batches), each top folder with claims.txt.</param>
    public static IReadOnlyDictionary<string, byte[]> Extract(byte[] zip, long maxExtractedBytes, int maxEntries, bool folderOfPackages = false)
    {
        if (!FileSignatures.IsZip(zip))
            throw new RequestInputException(Parameter, $"expected a zip archive of the patent package, got {FileSignatures.Describe(zip)}",
                StatusCodes.Status415UnsupportedMediaType);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new RequestInputException(Parameter, $"not a readable zip archive ({e.Message})");
        }
        using (archive)
        {
            if (archive.Entries.Count > maxEntries)
                throw new RequestInputException(Parameter, $"{archive.Entries.Count} entries; a package may hold at most {maxEntries}",
                    StatusCodes.Status413PayloadTooLarge);
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            long budget = maxExtractedBytes;
            foreach (var entry in archive.Entries)
            {
                var name = CheckName(entry);
                if (name is null) continue; // a folder entry
                if (entry.Length > budget)
                    throw TooLarge(name, maxExtractedBytes);
                var content = ReadCapped(entry, budget, name, maxExtractedBytes);
                budget -= content.Length;
                var extension = Path.GetExtension(name).ToLowerInvariant();
                if (!FileSignatures.Matches(extension, content))
                    throw new RequestInputException(Parameter, $"'{name}' is named {extension} but holds {FileSignatures.Describe(content)}",
                        StatusCodes.Status415UnsupportedMediaType);
                files[name] = content;
            }
            if (!folderOfPackages) return StripTopFolder(files);
            if (!files.Keys.Any(k => k.Count(c => c == '/') == 1 && k.EndsWith("/claims.txt", StringComparison.Ordinal)))
                throw new RequestInputException(Parameter, "no package in the zip: expected top folders each holding claims.txt", StatusCodes.Status422UnprocessableEntity);
            return files;
        }
    }

    /// <summary>The entry's relative path with '/' separators, null for a folder; throws for anything that could
    /// land outside the package or is not a package file.</summary>
    private static string? CheckName(ZipArchiveEntry entry)
    {
        var name = entry.FullName.Replace('\\', '/');
        if (name.EndsWith('/')) return null;
        if (name.StartsWith('/') || name.Contains(':', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal)
            || name.Split('/').Any(s => s is ".." or "." or ""))
            throw new RequestInputException(Parameter, $"entry '{entry.FullName}' names a path outside the package");
        // Unix mode in the high 16 bits of the external attributes: 0xA000 is a symbolic link.
        if (((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000)
            throw new RequestInputException(Parameter, $"entry '{entry.FullName}' is a symbolic link; a package holds only files");
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!AllowedExtensions.Contains(extension))
            throw new RequestInputException(Parameter, $"entry '{name}' has type '{extension}'; a package holds only {string.Join(", ", AllowedExtensions.Order())}",
                StatusCodes.Status415UnsupportedMediaType);
        return name;
    }

    private static byte[] ReadCapped(ZipArchiveEntry entry, long budget, string name, long max)
    {
        using var input = entry.Open();
        using var output = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = input.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (output.Length + read > budget) throw TooLarge(name, max);
                output.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            throw new RequestInputException(Parameter, $"entry '{name}' is corrupt ({e.Message})");
        }
        return output.ToArray();
    }

    private static RequestInputException TooLarge(string name, long max) =>
        new(Parameter, $"unpacks to more than {max} bytes (at entry '{name}'); refused as a possible zip bomb, nothing was stored",
            StatusCodes.Status413PayloadTooLarge);

    private static Dictionary<string, byte[]> StripTopFolder(Dictionary<string, byte[]> files)
    {
        if (files.ContainsKey("claims.txt")) return files;
        var tops = files.Keys.Select(k => k.Split('/')[0]).Distinct(StringComparer.Ordinal).ToList();
        if (tops.Count == 1 && files.Keys.All(k => k.Contains('/', StringComparison.Ordinal)))
        {
            var prefix = tops[0] + "/";
            var stripped = files.ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value, StringComparer.Ordinal);
            if (stripped.ContainsKey("claims.txt")) return stripped;
        }
        throw new RequestInputException(Parameter, "no claims.txt at the top of the package (or of its single top folder)", StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>Writes the checked files into <paramref name="directory"/> through a temporary folder renamed into
    /// place, so the folder is whole or absent.</summary>
    public static void WriteTo(IReadOnlyDictionary<string, byte[]> files, string directory)
    {
        var temp = directory + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            foreach (var (name, content) in files)
            {
                var path = Path.Combine(temp, name.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, content);
            }
            Directory.Move(temp, directory);
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
    }
}
