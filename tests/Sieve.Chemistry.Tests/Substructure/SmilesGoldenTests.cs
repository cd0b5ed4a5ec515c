using System.Text;
using Sieve.Chemistry.Smarts;
using Sieve.Chemistry.Smiles;
using Sieve.Chemistry.Substructure;
using Xunit.Abstractions;

namespace Sieve.Chemistry.Tests.Substructure;

/// <summary>End to end against RDKit: our SMILES reader and perception, then our SMARTS matching, must give
/// RDKit's match counts for at least 99.9% of (molecule, query) pairs; every disagreement is listed with
/// whether perception (aromaticity / H counts) already differed from RDKit for that molecule.</summary>
public class SmilesGoldenTests(ITestOutputHelper output)
{
    [Fact]
    public void Match_counts_agree_with_RDKit_for_molecules_read_from_SMILES()
    {
        var queries = GoldenCounts.Queries.Select(q => SmartsReader.Read(q.Smarts)).ToArray();
        var options = new SubstructureOptions { MaxMatches = 100000 };
        int pairs = 0, agree = 0, parsed = 0, total = 0;
        var rdkit = RdkitGraphs.Molecules.ToDictionary(x => x.Id, x => x.Molecule);
        var report = new StringBuilder();
        foreach (var line in File.ReadLines(RdkitGraphs.DataFile("molecules.tsv")).Skip(1))
        {
            var cols = line.Split('\t');
            total++;
            Molecule mol;
            try { mol = SmilesReader.Read(cols[2]); }
            catch (Exception e) when (e is ChemistryParseException or InvalidOperationException)
            {
                report.AppendLine($"{cols[0]} not read: {e.Message}");
                continue;
            }
            parsed++;
            var perception = PerceptionDifference(mol, cols[4], cols[5]) ?? RingDifference(mol, rdkit[cols[0]]);
            var expected = GoldenCounts.Counts[cols[0]];
            for (var q = 0; q < queries.Length; q++)
            {
                pairs++;
                var got = SubstructureSearch.FindMatches(mol, queries[q], options).Count;
                if (got == expected[q]) agree++;
                else report.AppendLine($"{cols[0]} {GoldenCounts.Queries[q].Name} {GoldenCounts.Queries[q].Smarts}: ours {got}, RDKit {expected[q]} ({perception ?? "perception agrees with RDKit"})");
            }
        }
        var rate = (double)agree / pairs;
        output.WriteLine($"molecules read {parsed}/{total}; pairs agreeing {agree}/{pairs} = {rate:P3}");
        output.WriteLine(report.ToString());
        Assert.True(parsed >= total * 0.99, $"only {parsed} of {total} molecules read:\n{report}");
        Assert.True(rate >= 0.999, $"{pairs - agree} of {pairs} pairs disagree ({rate:P3}):\n{report}");
    }

    private static string? RingDifference(Molecule ours, Molecule rdkit)
    {
        var a = ours.Rings!;
        var b = rdkit.Rings!;
        if (a.RingCount != b.RingCount) return $"ring perception: {a.RingCount} rings, RDKit {b.RingCount}";
        for (var i = 0; i < ours.AtomCount; i++)
            if (a.AtomRingCount(i) != b.AtomRingCount(i) || a.MinAtomRingSize(i) != b.MinAtomRingSize(i))
                return $"ring perception: atom {i} in {a.AtomRingCount(i)} rings (smallest {a.MinAtomRingSize(i)}), RDKit {b.AtomRingCount(i)} ({b.MinAtomRingSize(i)})";
        return null;
    }

    private static string? PerceptionDifference(Molecule m, string aromatic, string hcount)
    {
        var hs = hcount.Split(',');
        if (m.AtomCount != aromatic.Length) return $"atom count {m.AtomCount}, RDKit {aromatic.Length}";
        for (var i = 0; i < m.AtomCount; i++)
        {
            if (m.Atoms[i].IsAromatic != (aromatic[i] == '1')) return $"aromaticity of atom {i} differs";
            var h = m.Atoms[i].TotalHydrogens;
            foreach (var n in m.Neighbors(i)) if (m.Atoms[n].Element == 1) h++;
            if (h.ToString() != hs[i]) return $"H count of atom {i}: ours {h}, RDKit {hs[i]}";
        }
        return null;
    }
}
