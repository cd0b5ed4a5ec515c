using Sieve.Agents.PatentFinder;
using Sieve.Agents.Reports;

namespace Sieve.Server.Jobs;

/// <summary>Makes the infringement report for a job. The default follows the deterministic PatentFinder plan;
/// the model-driven planner can take its place through DI.</summary>
public interface IReportEngine
{
    InfringementReport Run(string patentDirectory, MoleculeSource molecule, CancellationToken cancel);
}

public sealed class DeterministicReportEngine(TimeProvider clock) : IReportEngine
{
    public InfringementReport Run(string patentDirectory, MoleculeSource molecule, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        return new PatentFinderPipeline(clock).Run(patentDirectory, molecule);
    }
}
