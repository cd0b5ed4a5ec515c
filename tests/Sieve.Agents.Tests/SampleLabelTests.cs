using Sieve.Agents.PatentFinder;
using Sieve.Chemistry.Smiles;
using Sieve.Markush.Matching;

namespace Sieve.Agents.Tests;

/// <summary>Every labelled molecule of every sample patent (samples/patents/*/molecules.tsv) gets its label's
/// verdict through the whole pipeline: the verifier and the report must not change what the matcher decided
/// correctly.</summary>
public class SampleLabelTests
{
    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var dir in Samples.Packages())
            foreach (var line in File.ReadLines(Path.Combine(dir, "molecules.tsv")).Skip(1))
            {
                var cols = line.Split('\t');
                if (cols.Length < 3) continue;
                data.Add(Path.GetFileName(dir), cols[0], cols[1], cols[2]);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pipeline_verdict_equals_the_label(string package, string name, string smiles, string label)
    {
        var r = Samples.Report(package, smiles);
        Assert.True(label == r.Verdict.ToText(), $"{package} / {name}: expected {label}, got {r.Verdict.ToText()}: {r.Summary}\n{string.Join("\n", r.VerifierNotes)}");
        // No verdict of the matcher was rejected: the samples' evidence is complete.
        Assert.All(r.Claims, c => Assert.Equal(c.Proposed, c.Verdict));
        // Highlights are consistent: each matched scaffold atom lands on an atom of the same element.
        var molecule = SmilesReader.Read(r.Molecule.Depiction.Structure);
        foreach (var c in r.Claims)
        {
            if (c.ScaffoldToMolecule.Count == 0) continue;
            var scaffold = SmilesReader.Read(c.Scaffold.Structure);
            // In-scaffold variables (X = C or N) are drawn as * atoms: any element may sit there.
            foreach (var p in c.ScaffoldToMolecule)
                if (scaffold.Atoms[p.Scaffold].Element != 0)
                    Assert.Equal(scaffold.Atoms[p.Scaffold].Element, molecule.Atoms[p.Molecule].Element);
            if (c.Verdict == Verdict.Covered) Assert.NotEmpty(c.RGroups);
        }
    }

    [Fact]
    public void There_are_labelled_samples_of_every_verdict()
    {
        var labels = Cases().Select(row => (string)row[3]).ToHashSet();
        Assert.Contains("covered", labels);
        Assert.Contains("not covered", labels);
        Assert.True(Cases().Count() >= 50);
    }
}
