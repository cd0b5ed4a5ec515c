using System.Diagnostics;
using System.Text.Json;
using Sieve.Chemistry;
using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Smarts;
using Sieve.Chemistry.Smiles;
using Sieve.Chemistry.Substructure;

// Measures Sieve's SMILES parse + canonicalise and SMARTS screening throughput on the golden molecules, then runs
// RDKit on the same inputs in its own process (bench/Chemistry/rdkit_bench.py) and prints both with the ratio.
// Single-threaded on both sides; best of three repetitions after a warm-up.
// Usage: bench/chemistry.sh  (or dotnet run -c Release --project bench/Sieve.Bench.Chemistry -- DATA_DIR)

var dataDir = args.Length > 0 ? args[0] : Path.Combine(FindRepoRoot(), "tests", "Sieve.Chemistry.Tests", "Data");
var moleculesPath = Path.Combine(dataDir, "molecules.tsv");
var smartsPath = Path.Combine(dataDir, "smarts.tsv");
var smiles = ReadColumn(moleculesPath, "smiles");
var queries = ReadColumn(smartsPath, "smarts");
Console.WriteLine($"inputs: {smiles.Count} molecules ({moleculesPath}), {queries.Count} SMARTS ({smartsPath})");

// Sieve: parse + canonicalise.
var parsed = new List<Molecule>(smiles.Count);
foreach (var s in smiles)
{
    try { parsed.Add(SmilesReader.Read(s)); }
    catch (Exception e) when (e is ChemistryParseException or InvalidOperationException) { }
}
var canonSeconds = BestOf(3, () =>
{
    foreach (var s in smiles)
    {
        try { _ = CanonicalSmiles.Of(SmilesReader.Read(s)); }
        catch (Exception e) when (e is ChemistryParseException or InvalidOperationException) { }
    }
});
var compiled = queries.Select(SmartsReader.Read).ToList();
long hits = 0;
var screenSeconds = BestOf(3, () =>
{
    hits = 0;
    foreach (var q in compiled)
        foreach (var m in parsed)
            if (SubstructureSearch.HasMatch(m, q)) hits++;
});
var sieveCanon = smiles.Count / canonSeconds;
var sieveScreen = (double)compiled.Count * parsed.Count / screenSeconds;

// RDKit in its own process on the same files.
var rdkit = RunRdkit(moleculesPath, smartsPath);
var rdkitCanon = rdkit.GetProperty("parse_canon_per_s").GetDouble();
var rdkitScreen = rdkit.GetProperty("screen_pairs_per_s").GetDouble();

Console.WriteLine();
Console.WriteLine($"{"measure",-36} {"Sieve",14} {"RDKit",14} {"Sieve/RDKit",12}");
Console.WriteLine($"{"parse + canonical SMILES (mol/s)",-36} {sieveCanon,14:N0} {rdkitCanon,14:N0} {sieveCanon / rdkitCanon,12:F2}");
Console.WriteLine($"{"SMARTS screening (mol x query/s)",-36} {sieveScreen,14:N0} {rdkitScreen,14:N0} {sieveScreen / rdkitScreen,12:F2}");
Console.WriteLine($"(screening hits: Sieve {hits}, RDKit {rdkit.GetProperty("screen_hits").GetInt64()})");
return 0;

static double BestOf(int repetitions, Action run)
{
    run(); // warm-up: JIT and tiering
    var best = double.MaxValue;
    for (var i = 0; i < repetitions; i++)
    {
        var sw = Stopwatch.StartNew();
        run();
        best = Math.Min(best, sw.Elapsed.TotalSeconds);
    }
    return best;
}

static List<string> ReadColumn(string path, string column)
{
    using var reader = new StreamReader(path);
    var header = reader.ReadLine()?.Split('\t') ?? throw new InvalidDataException($"{path}: empty file");
    var index = Array.IndexOf(header, column);
    if (index < 0) throw new InvalidDataException($"{path}: no column '{column}' in header");
    var values = new List<string>();
    while (reader.ReadLine() is { Length: > 0 } line)
        values.Add(line.Split('\t')[index]);
    return values;
}

static JsonElement RunRdkit(string molecules, string smarts)
{
    var script = Path.Combine(FindRepoRoot(), "bench", "Chemistry", "rdkit_bench.py");
    var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var a in new[] { script, molecules, smarts }) psi.ArgumentList.Add(a);
    using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start /usr/bin/python3");
    var output = p.StandardOutput.ReadToEnd();
    p.WaitForExit();
    if (p.ExitCode != 0) throw new InvalidOperationException($"rdkit_bench.py failed with exit code {p.ExitCode} (is python3-rdkit installed? ./setup.sh --dev)");
    return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.Clone();
}

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Agents.sln"))) return dir.FullName;
    throw new InvalidOperationException("run from inside the Sieve repository (Agents.sln not found above the binary)");
}
