namespace Sieve.KernelFunctions.Reports;

/// <summary>Writes the infringement report of one molecule against one patent package. The report (templates,
/// depictions, the verifier) lives in the agents layer, above the kernel functions, so the agents hand their writer
/// down through this seam when they register <see cref="ReportPlugin"/>.</summary>
public interface IReportAuthor
{
    /// <param name="patentDirectory">An existing package folder, already checked against the allowed root.</param>
    /// <param name="molecule">SMILES, or the text of a molfile; never read as a path.</param>
    /// <param name="formats">Comma-separated: md, html, json. Bad values throw <see cref="Errors.ToolInputException"/>.</param>
    WrittenReport Write(string patentDirectory, string molecule, string formats);
}

/// <summary>What a report tool call returns to the model: the overall verdict and its one-sentence summary, each
/// independent claim's verdict, and where the files are.</summary>
public sealed record WrittenReport(
    string Verdict, string Summary, IReadOnlyList<ClaimVerdict> Claims, string Directory, IReadOnlyList<string> Files);

public sealed record ClaimVerdict(int Claim, string Verdict);
