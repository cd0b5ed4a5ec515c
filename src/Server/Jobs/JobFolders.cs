namespace Sieve.Server.Jobs;

/// <summary>Where a job keeps its files: <c>jobs/&lt;id&gt;/</c> with <c>package/</c> (an uploaded patent),
/// <c>report/</c> (report.json/.md/.html, present only when whole) and <c>batch/</c> (the batch out folder).</summary>
public sealed class JobFolders(string jobsDirectory)
{
    public string Root { get; } = Path.GetFullPath(jobsDirectory);
    public string Job(string id) => Path.Combine(Root, id);
    public string Package(string id) => Path.Combine(Job(id), "package");
    public string Report(string id) => Path.Combine(Job(id), "report");
    public string Batch(string id) => Path.Combine(Job(id), "batch");
    public string Molecules(string id) => Path.Combine(Job(id), "molecules.txt");
}
