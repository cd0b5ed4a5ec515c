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
            sb.Append(e.MolBlock).Append(">  <id>\n").Append(e.Id).Append("\n\n>  <smiles>\n").Append(e.Smiles).Append("\n\n$$$$\n");
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
}
