using System.Text;
using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Depiction;

namespace Sieve.Chemistry.Tests.Depiction;

public class DepictionGoldenTests
{
    /// <summary>Our own reading of the drawings: each stereocentre's wedge gives its parity back and each
    /// cis/trans bond is drawn as specified. Also writes the molblocks for the RDKit check.</summary>
    [Fact]
    public void Drawings_express_the_molecules_stereo()
    {
        var sb = new StringBuilder();
        int molecules = 0, withStereo = 0, kept = 0;
        var failures = new List<string>();
        foreach (var e in DepictionCorpus.All)
        {
            molecules++;
            sb.Append(e.MolBlock).Append(">  <id>\n").Append(e.Id).Append("\n\n>  <smiles>\n").Append(e.Smiles).Append("\n\n>  <layout>\n").Append(DepictionCorpus.LayoutHash(e)).Append("\n\n$$$$\n");
            var analysis = CanonicalRanking.Analyze(e.Molecule, isomeric: true);
            var any = false;
            var ok = true;
            for (var a = 0; a < e.Molecule.AtomCount; a++)
            {
                if (analysis.Parities[a] == 0 || e.Molecule.Degree(a) < 3) continue;
                any = true;
                if (TetrahedralGeometry.ParityFromDrawing(e.Molecule, a, e.Coords, e.Wedges) != analysis.Parities[a]) ok = false;
            }
            for (var b = 0; b < e.Molecule.BondCount; b++)
            {
                if (analysis.DoubleBonds[b] is null) continue;
                any = true;
                if (StereoCheck.Holds(e.Molecule, analysis.DoubleBonds, b, e.Coords, null) != true) ok = false;
            }
            if (!any) continue;
            withStereo++;
            if (ok) kept++;
            else failures.Add($"{e.Id} {e.Smiles}");
        }
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "depiction_check.sdf"), sb.ToString());
        Assert.True(molecules > 2000, $"only {molecules} molecules");
        Assert.True(withStereo > 600, $"only {withStereo} molecules with stereo");
        var rate = (double)kept / withStereo;
        Assert.True(rate >= 0.99, $"{kept}/{withStereo} = {rate:P2}; e.g.\n{string.Join('\n', failures.Take(30))}");
    }

    /// <summary>RDKit's verdicts (Data/depiction/rdkit_roundtrip.tsv, from scripts/chemistry/check_depiction.py):
    /// RDKit reading our molblocks — 2D coordinates and wedges only — must give the input's isomeric
    /// canonical SMILES for at least 99% of the molecules with stereo marks. The layout fingerprints must
    /// match today's drawings, else the verdicts are stale and the script must be run again.</summary>
    [Fact]
    public void Rdkit_reads_our_drawings_back_with_the_same_stereo()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "depiction", "rdkit_roundtrip.tsv");
        var verdicts = new Dictionary<string, (bool Ok, string Hash)>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split('\t');
            if (f.Length == 3) verdicts[f[0]] = (f[1] == "1", f[2]);
        }
        int stereo = 0, stereoOk = 0, all = 0, allOk = 0, stale = 0;
        foreach (var e in DepictionCorpus.All)
        {
            Assert.True(verdicts.TryGetValue(e.Id, out var v), $"{e.Id} has no RDKit verdict: rerun scripts/chemistry/check_depiction.py");
            if (v.Hash != DepictionCorpus.LayoutHash(e)) stale++;
            all++;
            if (v.Ok) allOk++;
            if (e.Smiles.IndexOfAny(['@', '/', '\\']) < 0) continue;
            stereo++;
            if (v.Ok) stereoOk++;
        }
        Assert.True(stale == 0, $"{stale} layouts changed since the RDKit check: run the test suite, then scripts/chemistry/check_depiction.py bin/.../depiction_check.sdf --golden tests/Sieve.Chemistry.Tests/Data/depiction/rdkit_roundtrip.tsv");
        Assert.True(stereo > 800 && stereoOk >= 0.99 * stereo, $"{stereoOk}/{stereo} molecules with stereo marks kept by RDKit");
        Assert.True(allOk >= 0.995 * all, $"{allOk}/{all} molecules kept by RDKit");
    }
}
