using System.Text.Json;
using Sieve.Agents.PatentFinder;
using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Descriptors;
using Sieve.KernelFunctions.Patents;
using Sieve.Markush.Package;

namespace Sieve.Agents.Sessions;

/// <summary>What an attach request resolved to: <see cref="Value"/> is what is stored and re-read later (absolute
/// path, or the SMILES), <see cref="Description"/> a one-line summary.</summary>
public sealed record ResolvedAttachment(AttachmentKind Kind, string Input, string Value, string Description);

/// <summary>The input of an attach request is neither a patent package, nor a readable molecule file, nor SMILES.
/// The message names the input and the problem.</summary>
public sealed class AttachmentException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Turns what a user types after <c>/attach</c> into a patent package or a molecule: a folder with
/// claims.txt (or that claims.txt itself) is a patent package; another existing file is one molecule (molfile, SDF
/// or a SMILES line); anything else must parse as SMILES. Paths are resolved against a base folder and stored
/// absolute, so a session resumed from elsewhere finds them again.</summary>
public static class AttachmentResolver
{
    public static ResolvedAttachment Resolve(string input, string? baseDirectory = null)
    {
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
            throw new AttachmentException("nothing to attach: give a patent package folder, a molecule file, or a SMILES");
        var path = FullPath(text, baseDirectory ?? Directory.GetCurrentDirectory());
        if (path is not null && Directory.Exists(path)) return Patent(text, path);
        if (path is not null && File.Exists(path))
            return Path.GetFileName(path) == "claims.txt" ? Patent(text, Path.GetDirectoryName(path)!) : MoleculeFile(text, path);
        return Smiles(text);
    }

    /// <summary>Reads a stored molecule attachment again (the file is re-read; it may have changed or gone).</summary>
    public static MoleculeSource ReadMolecule(SessionAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        if (attachment.Kind != AttachmentKind.Molecule) throw new ArgumentException($"attachment {attachment.Id} is a {attachment.Kind}, not a molecule");
        try
        {
            return MoleculeSource.Read(attachment.Value);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new AttachmentException($"{attachment.Input}: {e.Message}", e);
        }
    }

    /// <summary>Checks a stored patent attachment is still a package and returns its folder.</summary>
    public static string PatentFolder(SessionAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        if (attachment.Kind != AttachmentKind.Patent) throw new ArgumentException($"attachment {attachment.Id} is a {attachment.Kind}, not a patent");
        if (!File.Exists(Path.Combine(attachment.Value, "claims.txt")))
            throw new AttachmentException($"{attachment.Input}: {attachment.Value} no longer holds a patent package (no claims.txt)");
        return attachment.Value;
    }

    private static ResolvedAttachment Patent(string input, string folder)
    {
        if (!File.Exists(Path.Combine(folder, "claims.txt")))
            throw new AttachmentException($"{input}: the folder has no claims.txt, so it is not a patent package " +
                                          "(a package is claims.txt, formulas/ and optional patent.json; see samples/patents/README.md)");
        PatentPackage package;
        try
        {
            package = PatentPackages.Load(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new AttachmentException($"{input}: the patent package cannot be read ({e.Message})", e);
        }
        var name = package.Info.Number ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        var title = package.Info.Title is { Length: > 0 } t ? $": {t}" : "";
        var problems = package.Problems.Count > 0 ? $"; {package.Problems.Count} formula file(s) unreadable" : "";
        var drawn = package.ImageFormulas.Count > 0 ? $", {package.ImageFormulas.Count} read from drawings" : "";
        return new ResolvedAttachment(AttachmentKind.Patent, input, folder,
            $"patent {name}{title} ({package.Claims.Claims.Count} claims, {package.Formulas.Count} formula(s){drawn}{problems}) at {folder}");
    }

    private static ResolvedAttachment MoleculeFile(string input, string path)
    {
        MoleculeSource source;
        try
        {
            source = MoleculeSource.Read(path);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new AttachmentException($"{input}: {e.Message}", e);
        }
        return new ResolvedAttachment(AttachmentKind.Molecule, input, path, $"{Describe(source)} from {path}");
    }

    private static ResolvedAttachment Smiles(string input)
    {
        MoleculeSource source;
        try
        {
            source = MoleculeSource.Read(input);
        }
        catch (ArgumentException e)
        {
            var why = LooksLikePath(input)
                ? $"{input}: no such file or folder"
                : $"{input}: {e.Message}; no file or folder has that name either";
            throw new AttachmentException(why, e);
        }
        return new ResolvedAttachment(AttachmentKind.Molecule, input, input, Describe(source));
    }

    private static string Describe(MoleculeSource source) =>
        $"molecule {CanonicalSmiles.Of(source.Molecule)} ({MolecularFormula.Of(source.Molecule)})";

    /// <summary>The absolute path <paramref name="text"/> names, or null when it cannot be a path at all.</summary>
    private static string? FullPath(string text, string baseDirectory)
    {
        if (text.StartsWith("~/", StringComparison.Ordinal))
            text = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), text[2..]);
        try
        {
            return Path.GetFullPath(text, baseDirectory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>For the error message only: SMILES may hold '/' (double-bond stereo), but not a leading '.', '~' or
    /// '/', a file extension, or '/' between plain names (samples/patents/x).</summary>
    private static bool LooksLikePath(string text) =>
        text.StartsWith('.') || text.StartsWith('~') || text.StartsWith('/') || text.Contains('\\') ||
        Path.GetExtension(text).ToLowerInvariant() is ".mol" or ".sdf" or ".sd" or ".smi" or ".txt" or ".cxsmi" ||
        text.Contains('/') && text.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/');
}
