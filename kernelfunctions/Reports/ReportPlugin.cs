using System.ComponentModel;
using Microsoft.SemanticKernel;
using Sieve.KernelFunctions.Errors;
using Sieve.KernelFunctions.Paths;

namespace Sieve.KernelFunctions.Reports;

/// <summary>The infringement report as a tool: the whole PatentFinder plan for one molecule and one package,
/// written as Markdown, self-contained HTML and JSON. The package path stays inside the allowed root; the files go
/// where the <see cref="IReportAuthor"/> the host registered puts them.</summary>
public sealed class ReportPlugin(AllowedRoot root, IReportAuthor author)
{
    public const string PluginName = "report";

    private readonly AllowedRoot _root = root ?? throw new ArgumentNullException(nameof(root));
    private readonly IReportAuthor _author = author ?? throw new ArgumentNullException(nameof(author));

    [KernelFunction("write_report")]
    [Description("Writes the infringement report of a molecule against a patent package: the verdict per independent claim with its R-group evidence, checked by the verifier, and the scaffold highlighted in drawings of both. Returns the verdicts and the files written.")]
    [return: Description("{verdict, summary, claims: [{claim, verdict}], directory, files}")]
    public WrittenReport WriteReport(
        [Description("Path of the patent package folder (with claims.txt) relative to the allowed root.")] string path,
        [Description("The molecule: SMILES, or the text of a molfile.")] string molecule,
        [Description("Comma-separated formats among md, html, json.")] string formats = "md,html,json")
    {
        var folder = _root.Resolve(path, nameof(path));
        if (!Directory.Exists(folder) || !File.Exists(Path.Combine(folder, "claims.txt")))
            throw new ToolInputException(nameof(path), $"'{path}' is not a patent package folder (no claims.txt)");
        if (string.IsNullOrWhiteSpace(molecule))
            throw new ToolInputException(nameof(molecule), "empty; give SMILES or a molfile's text");
        return _author.Write(folder, molecule, formats);
    }
}
