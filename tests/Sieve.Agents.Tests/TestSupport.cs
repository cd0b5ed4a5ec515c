using System.Diagnostics;
using Sieve.Agents.PatentFinder;
using Sieve.Agents.Telemetry;
using Sieve.Cli.Io;
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

    /// <summary>Copies a folder tree (a sample package into a scratch patents folder).</summary>
    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from)) Copy(d, Path.Combine(to, Path.GetFileName(d)));
    }

    public static InfringementReport Report(string patent, string molecule) =>
        new PatentFinderPipeline(new FixedClock(When)).Run(Patent(patent), MoleculeSource.Read(molecule));
}

/// <summary>A scratch folder and in-memory stdout/stderr for tests that run a command in-process.</summary>
public abstract class CommandScratch : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("sieve-cmd-").FullName;
    protected StringWriter Out { get; } = new();
    protected StringWriter Err { get; } = new();

    protected Terminal Terminal() => new(TextReader.Null, Out, Err, ShowProgress: false);

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        Out.Dispose();
        Err.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Collects the Sieve.Agents spans stopped under one root activity (other tests may run beside).</summary>
internal sealed class SpanCollector : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly ActivityListener _listener;
    private readonly Activity _root;

    public SpanCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == AgentTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (_spans) _spans.Add(a); },
        };
        ActivitySource.AddActivityListener(_listener);
        _root = new Activity("test-root").Start();
    }

    public IReadOnlyList<Activity> Spans
    {
        get { lock (_spans) return [.. _spans.Where(s => s.TraceId == _root.TraceId)]; }
    }

    public void Dispose()
    {
        _root.Dispose();
        _listener.Dispose();
    }
}
