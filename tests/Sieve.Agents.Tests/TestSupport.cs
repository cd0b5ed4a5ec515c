using Sieve.Agents.PatentFinder;
using Sieve.Agents.Reports;

namespace Sieve.Agents.Tests;

/// <summary>A clock that always says the same time, so two reports of the same input are byte-identical.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

internal static class Samples
{
    public const string Celecoxib = "Cc1ccc(cc1)-c1cc(nn1-c1ccc(cc1)S(N)(=O)=O)C(F)(F)F";
    public const string HeptylAtR2 = "NS(=O)(=O)c1ccc(-n2nc(C(F)(F)F)cc2-c2ccc(CCCCCCC)cc2)cc1";
    public static readonly DateTimeOffset When = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static string Root => Path.Combine(AppContext.BaseDirectory, "patents");
    public static string Patent(string name) => Path.Combine(Root, name);

    public static IEnumerable<string> Packages() =>
        Directory.GetDirectories(Root).Where(d => !Path.GetFileName(d).StartsWith('_')).OrderBy(d => d, StringComparer.Ordinal);

    public static InfringementReport Report(string patent, string molecule) =>
        new PatentFinderPipeline(new FixedClock(When)).Run(Patent(patent), MoleculeSource.Read(molecule));
}
