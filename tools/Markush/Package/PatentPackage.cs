using System.Text.Json;
using System.Text.Json.Serialization;
using Sieve.Markush.Model;
using Sieve.Markush.Parsing;

namespace Sieve.Markush.Package;

/// <summary>patent.json: bibliographic data, all optional.</summary>
public sealed record PatentInfo
{
    public string? Number { get; init; }
    public string? Title { get; init; }
    public string? Assignee { get; init; }
    public string? PriorityDate { get; init; }
    public string? PublicationDate { get; init; }
    public string? Notes { get; init; }
}

/// <summary>A patent as a folder: <c>claims.txt</c>, <c>formulas/&lt;name&gt;.cxsmi</c> (one CXSMILES per file,
/// variable sites as labelled or atom-mapped <c>*</c>) and optional <c>patent.json</c>. See samples/patents/README.md.</summary>
public sealed record PatentPackage
{
    public required string Directory { get; init; }
    public required PatentInfo Info { get; init; }
    public required string ClaimsText { get; init; }
    public required IReadOnlyDictionary<string, string> Formulas { get; init; }
    public required ClaimSet Claims { get; init; }
    /// <summary>Formulas read from drawings (<c>formulas/I.png</c>) by an <see cref="IFormulaImageReader"/>, with
    /// the reader's confidence; a formula given as text too is taken from the text and is not listed here.</summary>
    public IReadOnlyDictionary<string, double> ImageFormulas { get; init; } = new Dictionary<string, double>();
    /// <summary>Every drawing a formula was taken from or should have been (a drawing of a formula also given as text
    /// is not read and not listed), in file order: read ones with their SMILES and confidence, unread ones with why.</summary>
    public IReadOnlyList<DrawnFormula> Drawings { get; init; } = [];
    /// <summary>Formula files present but not readable (e.g. <c>I.mol</c> before the molfile reader lands).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static JsonSerializerOptions ResultJsonOptions { get; } = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly HashSet<string> ImageExtensions = [".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"];

    /// <param name="directory">The package folder.</param>
    /// <param name="images">Reads drawn formulas (<c>formulas/I.png</c>); without one, an image formula is a problem.</param>
    public static PatentPackage Load(string directory, IFormulaImageReader? images = null)
    {
        var imageFormulas = new Dictionary<string, double>(StringComparer.Ordinal);
        var drawings = new List<DrawnFormula>();
        var claimsPath = Path.Combine(directory, "claims.txt");
        if (!File.Exists(claimsPath)) throw new FileNotFoundException($"a patent package needs claims.txt ({claimsPath})", claimsPath);
        var text = File.ReadAllText(claimsPath);
        var formulas = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var fdir = Path.Combine(directory, "formulas");
        if (System.IO.Directory.Exists(fdir))
        {
            foreach (var f in System.IO.Directory.GetFiles(fdir).OrderBy(x => x, StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(f);
                switch (Path.GetExtension(f).ToLowerInvariant())
                {
                    case ".cxsmi":
                    case ".smi":
                        var line = File.ReadLines(f).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
                        if (line is null) problems.Add($"{Path.GetFileName(f)} is empty");
                        else formulas[name] = line;
                        break;
                    case ".mol":
                        if (formulas.ContainsKey(name)) break;
                        try
                        {
                            // R-group atoms (M  RGP) come back as * labelled R<n>; written out as CXSMILES labels.
                            var mol = Sieve.Chemistry.Molfile.MolfileReader.Read(File.ReadAllText(f));
                            formulas[name] = Sieve.Chemistry.Smiles.SmilesWriter.Write(mol, new Sieve.Chemistry.Smiles.SmilesWriteOptions { Canonical = false, Isomeric = false, CxExtensions = true });
                        }
                        catch (Exception e) when (e is Sieve.Chemistry.ChemistryParseException or InvalidOperationException)
                        {
                            problems.Add($"{Path.GetFileName(f)}: {e.Message}");
                        }
                        break;
                    case var ext when ImageExtensions.Contains(ext):
                        // Text wins over a drawing of the same formula (".cxsmi" and ".mol" sort before ".png").
                        if (formulas.ContainsKey(name)) break;
                        var relative = $"formulas/{Path.GetFileName(f)}";
                        if (images is null)
                        {
                            const string noReader = "a drawn formula, and no structure reader was given to read images";
                            problems.Add($"{Path.GetFileName(f)}: {noReader}");
                            drawings.Add(new DrawnFormula(name, relative, null, 0, noReader));
                            break;
                        }
                        var read = images.Read(f);
                        drawings.Add(new DrawnFormula(name, relative, read.Smiles, read.Confidence, read.Smiles is null ? read.Failure : null,
                            read.Smiles is null ? null : read.Layout));
                        if (read.Smiles is null) problems.Add($"{Path.GetFileName(f)}: no structure read ({read.Failure})");
                        else
                        {
                            formulas[name] = read.Smiles;
                            imageFormulas[name] = read.Confidence;
                        }
                        break;
                    default:
                        if (!formulas.ContainsKey(name)) problems.Add($"{Path.GetFileName(f)}: format not read (use .cxsmi or .mol)");
                        break;
                }
            }
        }
        var info = new PatentInfo();
        var pj = Path.Combine(directory, "patent.json");
        if (File.Exists(pj)) info = JsonSerializer.Deserialize<PatentInfo>(File.ReadAllText(pj), JsonOptions) ?? info;
        return new PatentPackage
        {
            Directory = directory, Info = info, ClaimsText = text, Formulas = formulas,
            Claims = ClaimParser.Parse(text, formulas), Problems = problems, ImageFormulas = imageFormulas, Drawings = drawings,
        };
    }
}
