using System.Text.Json;
using Sieve.KernelFunctions.Errors;
using Sieve.KernelFunctions.Paths;
using Sieve.Markush.Model;
using Sieve.Markush.Package;
using Sieve.Markush.Parsing;

namespace Sieve.KernelFunctions.Patents;

/// <summary>A patent as the plugins read it: a package folder (claims.txt, formulas/, patent.json), a plain-text
/// claims file or a PDF. Only a package carries drawn formulas, so only a package yields matchable structures.</summary>
internal sealed record PatentSource(string Kind, PatentInfo Info, IReadOnlyDictionary<string, string> Formulas, ClaimSet Claims, IReadOnlyList<string> Problems, PatentPackage? Package)
{
    /// <summary>Claim text longer than this is refused (a full patent's claims are a few hundred kB at most).</summary>
    public const int MaxTextLength = 2_000_000;

    /// <summary>PDFs larger than this are refused before opening.</summary>
    public const long MaxPdfBytes = 50L * 1024 * 1024;

    public static PatentSource Open(AllowedRoot root, string? path, string parameter)
    {
        var full = root.Resolve(path, parameter);
        if (Directory.Exists(full))
        {
            CheckPackageFiles(root, full, parameter);
            return FromPackage(full, path!, parameter);
        }
        var ext = Path.GetExtension(full).ToLowerInvariant();
        return ext switch
        {
            ".pdf" => Pdf(full, path!, parameter),
            ".txt" => FromText(ReadText(full, path!, parameter), "text", parameter),
            _ => throw new ToolInputException(parameter, $"'{path}' is a '{ext}' file; give a patent folder (with claims.txt), a .txt claims file or a .pdf"),
        };
    }

    public static PatentSource FromText(string? text, string kind, string parameter)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ToolInputException(parameter, "no claim text; give claims as numbered paragraphs ('1. A compound of formula (I) wherein …')");
        if (text.Length > MaxTextLength) throw new ToolInputException(parameter, $"{text.Length} characters; at most {MaxTextLength} are accepted");
        var claims = ClaimParser.Parse(text);
        var problems = new List<string>();
        if (claims.Claims.Count == 0) problems.Add("no numbered claims found (expected paragraphs starting '1. ', '2. ', …)");
        if (claims.Claims.Any(c => c.FormulaName is not null))
            problems.Add("drawn formulas are not available from plain text or PDF: claims citing a formula cannot be matched (use a patent package folder)");
        return new PatentSource(kind, new PatentInfo(), new Dictionary<string, string>(), claims, problems, null);
    }

    /// <summary>The package loader opens claims.txt, patent.json and every file in formulas/ by itself; each must
    /// stay inside the root too (a link planted in a package must not lead the tool elsewhere).</summary>
    private static void CheckPackageFiles(AllowedRoot root, string folder, string parameter)
    {
        foreach (var name in new[] { "claims.txt", "patent.json", "formulas" })
        {
            var p = Path.Combine(folder, name);
            if (File.Exists(p) || Directory.Exists(p)) root.Resolve(p, parameter);
        }
        var formulas = Path.Combine(folder, "formulas");
        if (Directory.Exists(formulas))
            foreach (var f in Directory.EnumerateFileSystemEntries(formulas)) root.Resolve(f, parameter);
    }

    private static PatentSource FromPackage(string full, string path, string parameter)
    {
        if (!File.Exists(Path.Combine(full, "claims.txt")))
            throw new ToolInputException(parameter, $"'{path}' is a folder without claims.txt; a patent package holds claims.txt, formulas/ and optionally patent.json");
        PatentPackage p;
        try
        {
            p = PatentPackages.Load(full);
        }
        catch (JsonException e)
        {
            throw new ToolInputException(parameter, $"'{path}': patent.json is not valid JSON ({e.Message})");
        }
        catch (IOException e)
        {
            throw new ToolInputException(parameter, $"'{path}' could not be read ({e.Message})");
        }
        return new PatentSource("package", p.Info, p.Formulas, p.Claims, p.Problems, p);
    }

    private static PatentSource Pdf(string full, string path, string parameter)
    {
        if (new FileInfo(full).Length > MaxPdfBytes) throw new ToolInputException(parameter, $"'{path}' is larger than {MaxPdfBytes / (1024 * 1024)} MB");
        string text;
        try
        {
            text = PdfText.Extract(full);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PdfPig reports malformed files with several exception types; all mean "not a PDF we can read".
            throw new ToolInputException(parameter, $"'{path}' is not a readable PDF ({e.GetType().Name}: {e.Message})");
        }
        if (string.IsNullOrWhiteSpace(text))
            throw new ToolInputException(parameter, $"'{path}' has no extractable text (a scanned PDF needs OCR first)");
        return FromText(text, "pdf", parameter);
    }

    private static string ReadText(string full, string path, string parameter)
    {
        if (new FileInfo(full).Length > MaxTextLength * 4L) throw new ToolInputException(parameter, $"'{path}' is too large for a claims file");
        try
        {
            return File.ReadAllText(full);
        }
        catch (IOException e)
        {
            throw new ToolInputException(parameter, $"'{path}' could not be read ({e.Message})");
        }
    }
}
