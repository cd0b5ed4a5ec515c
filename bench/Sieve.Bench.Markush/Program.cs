using System.Diagnostics;
using Sieve.Chemistry;
using Sieve.Chemistry.Smiles;
using Sieve.Markush.Matching;
using Sieve.Markush.Package;

// Matcher-only throughput of one claim against 10,000 molecules: claim 1 of the coxib sample package
// (three variable sites, generic groups) against 10,000 analogues that all carry the scaffold (20 R1 x 25 R2 x 20 R3,
// inside and outside the definitions), and against the 2,876 golden molecules (real, mostly without the scaffold).
// Molecules are parsed before timing and afresh for every repetition, so per-molecule preparation is timed too.
// Usage: bench/markush.sh

var root = FindRepoRoot();
var package = PatentPackage.Load(Path.Combine(root, "samples", "patents", "coxib-diarylpyrazole"));
var claim = package.Claims.Get(1)?.Structure ?? throw new InvalidOperationException("the coxib sample has no claim 1 structure");
var query = MarkushMatcher.Compile(claim);

string[] r1 = ["C(F)(F)F", "C(F)F", "C", "CC", "CCC", "C(C)C", "CCCC", "C(C)(C)C", "CC(C)C", "CCCCC", "CCCCCC", "CCCCCCC",
    "C1CC1", "CO", "OC", "Cl", "Br", "C#N", "C(=O)O", "c1ccccc1"];
string[] r2 = ["", "F", "Cl", "Br", "I", "C", "CC", "CCC", "C(C)C", "CCCC", "OC", "OCC", "OCCC", "OC(C)C", "OCCCC", "C(F)(F)F",
    "OC(F)(F)F", "N", "NC", "N(C)C", "C#N", "[N+](=O)[O-]", "SC", "O", "CCCCCCC"];
string[] r3 = ["S(N)(=O)=O", "S(C)(=O)=O", "S(=O)(=O)CC", "S(=O)(=O)NC", "C(=O)O", "C(N)=O", "F", "Cl", "C", "OC", "N", "C#N",
    "S(C)=O", "SC", "NS(C)(=O)=O", "C(=O)C", "C(=O)OC", "OC(F)(F)F", "S(=O)(=O)N(C)C", "Br"];
var analogues = (from a in r1 from b in r2 from c in r3
                 select $"c1cc({c})ccc1-n1nc({a})cc1-c1ccc{(b.Length > 0 ? $"({b})" : "")}cc1").ToList();
var golden = File.ReadLines(Path.Combine(root, "tests", "Sieve.Chemistry.Tests", "Data", "molecules.tsv"))
    .Skip(1).Select(l => l.Split('\t')[2]).ToList();

Console.WriteLine($"claim 1 of {package.Info.Number}: {claim.ScaffoldSmiles}");
Console.WriteLine($"{"set",-34} {"molecules",10} {"threads",8} {"evaluations/s",14} {"covered",8}");
foreach (var (name, smiles) in new[] { ("analogues with the scaffold", analogues), ("golden molecules (RDKit data)", golden) })
{
    foreach (var threads in new[] { 1, Environment.ProcessorCount })
    {
        var (rate, covered) = Measure(smiles, threads);
        Console.WriteLine($"{name,-34} {smiles.Count,10} {threads,8} {rate,14:N0} {covered,8}");
    }
}
return 0;

(double Rate, int Covered) Measure(List<string> smiles, int threads)
{
    Run(Parse(smiles), threads); // warm-up: JIT and tiering
    var best = double.MaxValue;
    var covered = 0;
    for (var rep = 0; rep < 3; rep++)
    {
        var molecules = Parse(smiles);
        var sw = Stopwatch.StartNew();
        covered = Run(molecules, threads);
        best = Math.Min(best, sw.Elapsed.TotalSeconds);
    }
    return (smiles.Count / best, covered);
}

int Run(Molecule[] molecules, int threads)
{
    var covered = 0;
    Parallel.For(0, molecules.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
    {
        if (MarkushMatcher.Match(molecules[i], query).Verdict == Verdict.Covered)
            Interlocked.Increment(ref covered);
    });
    return covered;
}

static Molecule[] Parse(List<string> smiles) => [.. smiles.Select(SmilesReader.Read)];

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Agents.sln"))) return dir.FullName;
    throw new InvalidOperationException("run from inside the Sieve repository (Agents.sln not found above the binary)");
}
