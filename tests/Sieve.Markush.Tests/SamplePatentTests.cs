using System.Text.Json;
using Sieve.Markush.Chem;
using Sieve.Markush.Matching;
using Sieve.Markush.Package;

namespace Sieve.Markush.Tests;

/// <summary>Every labelled molecule of every sample patent (samples/patents/*/molecules.tsv) gets the verdict its
/// row states, evaluated over the whole patent as a chemist would ask.</summary>
public class SamplePatentTests
{
    internal static string Root => Path.Combine(AppContext.BaseDirectory, "patents");

    internal static IEnumerable<string> Packages() =>
        Directory.GetDirectories(Root).Where(d => !Path.GetFileName(d).StartsWith('_')).OrderBy(d => d, StringComparer.Ordinal);

    private static readonly Dictionary<string, PatentPackage> Loaded = [];

    internal static PatentPackage Load(string name)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(name, out var p)) Loaded[name] = p = PatentPackage.Load(Path.Combine(Root, name));
            return p;
        }
    }

    /// <summary>Packages whose formulas are only drawn (formulas/I.png) need OCSR, which Markush does not reference;
    /// Sieve.Agents.Tests checks their labels through the reader every command uses.</summary>
    internal static bool OnlyDrawn(string dir) =>
        PatentPackage.Load(dir).Drawings.Count > 0;

    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var dir in Packages().Where(d => !OnlyDrawn(d)))
            foreach (var line in File.ReadLines(Path.Combine(dir, "molecules.tsv")).Skip(1))
            {
                var cols = line.Split('\t');
                if (cols.Length < 4) continue;
                data.Add(Path.GetFileName(dir), cols[0], cols[1], cols[2]);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sample_molecule_gets_its_labelled_verdict(string package, string name, string smiles, string expected)
    {
        var pkg = Load(package);
        var verdict = PatentEvaluator.Evaluate(pkg, MoleculeInput.FromSmiles(smiles));
        var want = expected switch { "covered" => Verdict.Covered, "not covered" => Verdict.NotCovered, _ => Verdict.Undetermined };
        var detail = string.Join("\n", verdict.Claims.Select(c => $"claim {c.Claim}: {c.Result.Summary} {string.Join(" ", c.Result.Notes)}"));
        Assert.True(want == verdict.Verdict, $"{package} / {name}: expected {expected}, got {verdict.Verdict}\n{detail}");
    }

    [Fact]
    public void There_are_at_least_ten_packages_each_with_ten_labelled_molecules_and_all_three_verdict_kinds_occur()
    {
        var dirs = Packages().ToList();
        Assert.True(dirs.Count >= 10, $"{dirs.Count} packages");
        var verdicts = new HashSet<string>();
        foreach (var d in dirs)
        {
            var rows = File.ReadLines(Path.Combine(d, "molecules.tsv")).Skip(1).Where(l => l.Trim().Length > 0).ToList();
            Assert.True(rows.Count >= 10, $"{d}: {rows.Count} molecules");
            foreach (var r in rows) verdicts.Add(r.Split('\t')[2]);
            Assert.True(File.Exists(Path.Combine(d, "patent.json")), d);
        }
        Assert.Equal(["covered", "not covered", "undetermined"], verdicts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Patent_verdicts_serialise_to_json_and_name_the_narrowest_covering_claim()
    {
        var pkg = Load("coxib-diarylpyrazole");
        var celecoxib = MoleculeInput.FromSmiles("Cc1ccc(-c2cc(C(F)(F)F)nn2-c2ccc(S(N)(=O)=O)cc2)cc1");
        var v = PatentEvaluator.Evaluate(pkg, celecoxib);
        Assert.Equal(Verdict.Covered, v.Verdict);
        Assert.Equal(3, v.Claims.Single().NarrowestCoveringClaim);
        var json = JsonSerializer.Serialize(v, PatentPackage.ResultJsonOptions);
        Assert.Contains("\"Verdict\": \"Covered\"", json);
        Assert.Contains("trifluoromethyl", json);
    }
}
