using Sieve.Agents.Batch;
using Sieve.Agents.PatentFinder;
using Sieve.Agents.Reports;

namespace Sieve.Server.Jobs;

/// <summary>Runs one job to its files: a report job writes <c>report/</c> through a temporary folder renamed into
/// place; a batch job runs the resumable <see cref="BatchRunner"/> in <c>batch/</c>, so a batch cut short by a
/// restart keeps its finished pairs.</summary>
public sealed class JobRunner(IReportEngine engine, JobFolders folders, JobStore store)
{
    public void Run(JobRecord job, CancellationToken cancel)
    {
        switch (job.Kind)
        {
            case JobKind.Report: RunReport(job, cancel); break;
            case JobKind.Batch: RunBatch(job, cancel); break;
            default: throw new InvalidOperationException($"unknown job kind {job.Kind}");
        }
    }

    private void RunReport(JobRecord job, CancellationToken cancel)
    {
        var input = JobJson.Read<ReportJobInput>(job.Input);
        var molecule = MoleculeSource.FromText(input.Molecule, input.MoleculeName);
        var report = engine.Run(input.PatentDirectory, molecule, cancel);
        cancel.ThrowIfCancellationRequested();
        var final = folders.Report(job.Id);
        var temp = final + ".tmp-" + Guid.NewGuid().ToString("N");
        ReportWriter.Write(report, temp, ReportFormats.All);
        if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
        Directory.Move(temp, final);
        store.SetProgress(job.Id, 1, 1);
    }

    private void RunBatch(JobRecord job, CancellationToken cancel)
    {
        var input = JobJson.Read<BatchJobInput>(job.Input);
        var molecules = BatchMolecules.Read(File.ReadAllText(input.MoleculesFile));
        new BatchRunner((dir, m) => engine.Run(dir, m, cancel)).Run(input.PatentsDirectory, molecules, folders.Batch(job.Id), input.Parallel,
            (done, total) => store.SetProgress(job.Id, done, total), cancel);
    }

    /// <summary>Removes what a job killed mid-write left behind (temporary report folders).</summary>
    public void CleanUp(string id)
    {
        var dir = folders.Job(id);
        if (!Directory.Exists(dir)) return;
        foreach (var d in Directory.GetDirectories(dir, "report.tmp-*")) Directory.Delete(d, recursive: true);
    }
}
