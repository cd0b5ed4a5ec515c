using Sieve.Agents.PatentFinder;
using Sieve.KernelFunctions.Errors;
using Sieve.KernelFunctions.Reports;
using Sieve.Markush.Matching;

namespace Sieve.Agents.Reports;

/// <summary>The report tool's writer: the deterministic PatentFinder plan, written under
/// <paramref name="outputRoot"/> in a folder named by the package and the molecule (the same pair writes the same
/// folder again). The molecule is text only — a tool caller cannot make it open a file.</summary>
public sealed class PipelineReportAuthor(string outputRoot, TimeProvider? clock = null) : IReportAuthor
{
    public WrittenReport Write(string patentDirectory, string molecule, string formats)
    {
        ReportFormats wanted;
        try { wanted = ReportWriter.ParseFormats(formats); }
        catch (ArgumentException e) { throw new ToolInputException(nameof(formats), e.Message); }
        MoleculeSource source;
        try { source = MoleculeSource.FromText(molecule, "molecule"); }
        catch (ArgumentException e) { throw new ToolInputException(nameof(molecule), e.Message); }

        var report = new PatentFinderPipeline(clock).Run(patentDirectory, source);
        var dir = Path.Combine(Path.GetFullPath(outputRoot), ReportWriter.FolderName(report));
        var files = ReportWriter.Write(report, dir, wanted);
        return new WrittenReport(report.Verdict.ToText(), report.Summary,
            report.Claims.Select(c => new ClaimVerdict(c.Claim, c.Verdict.ToText())).ToList(), dir, files);
    }
}
