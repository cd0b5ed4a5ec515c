// Screening throughput of SubstructureSearch, measured the way bench/Chemistry/rdkit_bench.py measures RDKit:
// every (query, molecule) pair of the golden data, SMILES and SMARTS parsed outside the timed region, best of N.
// Usage (repository root): dotnet run -c Release --project bench/Chemistry/SmartsScreen [--repeats N]
using System.Diagnostics;
using System.Text.Json;
using Sieve.Chemistry;
using Sieve.Chemistry.Smarts;
using Sieve.Chemistry.Smiles;
using Sieve.Chemistry.Substructure;

var repeats = args.Length == 2 && args[0] == "--repeats" ? int.Parse(args[1]) : 3;
var data = Path.Combine("tests", "Sieve.Chemistry.Tests", "Data");
var molecules = new List<Molecule>();
foreach (var line in File.ReadLines(Path.Combine(data, "molecules.tsv")).Skip(1))
{
    try { molecules.Add(SmilesReader.Read(line.Split('\t')[2])); }
    catch (Exception e) when (e is ChemistryParseException or InvalidOperationException) { }
}
var queries = File.ReadLines(Path.Combine(data, "smarts.tsv")).Skip(1)
    .Select(l => SmartsReader.Read(l.Split('\t')[1])).ToList();

// (a) HasMatch over all pairs, as RDKit's HasSubstructMatch in rdkit_bench.py.
var (screenSeconds, hits) = BestOf(repeats, () =>
{
    var n = 0;
    foreach (var q in queries)
        foreach (var m in molecules)
            if (SubstructureSearch.HasMatch(m, q)) n++;
    return n;
});
// (b) All uniquified matches, as the golden counts are made (maxMatches=100000).
var all = new SubstructureOptions { MaxMatches = 100000 };
var (countSeconds, matches) = BestOf(repeats, () =>
{
    var n = 0;
    foreach (var q in queries)
        foreach (var m in molecules)
            n += SubstructureSearch.FindMatches(m, q, all).Count;
    return n;
});
var pairs = (double)molecules.Count * queries.Count;
Console.WriteLine(JsonSerializer.Serialize(new
{
    screen_pairs_per_s = Math.Round(pairs / screenSeconds, 1),
    find_all_pairs_per_s = Math.Round(pairs / countSeconds, 1),
    n_molecules = molecules.Count,
    n_queries = queries.Count,
    screen_hits = hits,
    total_matches = matches,
    repeats,
}));

static (double Seconds, int Result) BestOf(int repeats, Func<int> run)
{
    var best = double.MaxValue;
    var result = run(); // warm-up (JIT)
    for (var i = 0; i < repeats; i++)
    {
        var sw = Stopwatch.StartNew();
        result = run();
        best = Math.Min(best, sw.Elapsed.TotalSeconds);
    }
    return (best, result);
}
