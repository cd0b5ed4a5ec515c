using Sieve.Chemistry.Depiction;
using Sieve.Chemistry.Smiles;

namespace Sieve.Chemistry.Tests.Depiction;

public class LayoutGeometryTests
{
    private const double L = Layout2D.BondLength;

    /// <summary>Rings of a molecule share at most an edge (no bridges): regular polygons can be exact.</summary>
    private static bool Unbridged(Molecule m)
    {
        var rings = m.Rings!.AtomRings;
        for (var i = 0; i < rings.Count; i++)
            for (var j = i + 1; j < rings.Count; j++)
                if (rings[i].Count(rings[j].Contains) > 2) return false;
        return true;
    }

    [Fact]
    public void Golden_layouts_have_bond_length_bonds_and_no_collisions()
    {
        int bonds = 0, goodBonds = 0, simple = 0, clean = 0;
        var bad = new List<string>();
        foreach (var e in DepictionCorpus.All)
        {
            var m = e.Molecule;
            var p = e.Coords;
            for (var i = 0; i < m.AtomCount; i++)
                for (var j = i + 1; j < m.AtomCount; j++)
                    Assert.True((p[i] - p[j]).Length > 1e-3, $"{e.Id}: atoms {i} and {j} coincide");
            if (!Unbridged(m)) continue;
            foreach (var b in m.Bonds)
            {
                bonds++;
                if (Math.Abs((p[b.Begin] - p[b.End]).Length - L) < 0.05 * L) goodBonds++;
            }
            // Acyclic molecules and those with isolated or fused rings of at most 8 atoms.
            if (m.Rings!.AtomRings.Any(r => r.Length > 8)) continue;
            simple++;
            var ok = true;
            for (var i = 0; i < m.AtomCount && ok; i++)
                for (var j = i + 1; j < m.AtomCount; j++)
                    if ((p[i] - p[j]).Length < 0.5 * L) { ok = false; break; }
            if (ok) clean++;
            else if (bad.Count < 20) bad.Add($"{e.Id} {e.Smiles}");
        }
        Assert.True(goodBonds >= 0.995 * bonds, $"{goodBonds}/{bonds} bonds within 5% of {L}");
        Assert.True(clean >= 0.97 * simple, $"{clean}/{simple} without contacts closer than half a bond; e.g.\n{string.Join('\n', bad)}");
    }

    [Theory]
    [InlineData("CCCCCC")]
    [InlineData("c1ccccc1")]
    [InlineData("C1CC2CCC1C2")]
    [InlineData("CC(C)(C)c1ccc2ccccc2c1")]
    [InlineData("C[C@H](N)C(=O)O.[Na+].[Cl-]")]
    public void Layout_does_not_depend_on_input_order(string smiles)
    {
        // Same SMILES twice gives the same coordinates; a renumbered molecule the same shape (sorted distances).
        var m1 = SmilesReader.Read(smiles);
        Assert.Equal(Layout2D.Compute(m1), Layout2D.Compute(SmilesReader.Read(smiles)));
        var m2 = SmilesReader.Read(Sieve.Chemistry.Canonical.CanonicalSmiles.Of(m1));
        static double[] Distances(Point2[] p)
        {
            var d = new List<double>();
            for (var i = 0; i < p.Length; i++)
                for (var j = i + 1; j < p.Length; j++) d.Add(Math.Round((p[i] - p[j]).Length, 3));
            d.Sort();
            return [.. d];
        }
        Assert.Equal(Distances(Layout2D.Compute(m1)), Distances(Layout2D.Compute(m2)));
    }

    [Fact]
    public void Chains_zigzag_at_120_degrees_and_triple_bonds_are_straight()
    {
        var m = SmilesReader.Read("CCCCC#CC");
        var p = Layout2D.Compute(m);
        double Angle(int a, int c, int b)
        {
            var u = p[a] - p[c];
            var v = p[b] - p[c];
            return Math.Acos(u.Dot(v) / (u.Length * v.Length)) * 180 / Math.PI;
        }
        Assert.Equal(120, Angle(0, 1, 2), 1);
        Assert.Equal(120, Angle(1, 2, 3), 1);
        Assert.Equal(180, Angle(3, 4, 5), 1);
        Assert.Equal(180, Angle(4, 5, 6), 1);
        // Zig-zag: consecutive turns alternate, so atoms 0 and 3 are on opposite sides of bond 1-2.
        var axis = p[2] - p[1];
        Assert.True(axis.Cross(p[0] - p[1]) * axis.Cross(p[3] - p[1]) < 0);
    }

    [Theory]
    [InlineData("F/C=C/F", false)]
    [InlineData("F/C=C\\F", true)]
    [InlineData("C/C=C(/Cl)C1CCCCC1", false)]
    [InlineData("C1CCCCC1/C=C\\C1CCCCC1", true)]
    [InlineData("C1CCCC/C1=C/C", false)]
    public void Double_bonds_are_drawn_with_their_configuration(string smiles, bool firstRefsCis)
    {
        var m = SmilesReader.Read(smiles);
        var p = Layout2D.Compute(m);
        var stereo = Sieve.Chemistry.Canonical.StereoPerception.DoubleBonds(m);
        var bi = Array.FindIndex(stereo, s => s is not null);
        Assert.True(bi >= 0);
        Assert.True(StereoCheck.Holds(m, stereo, bi, p, null));
        Assert.Equal(firstRefsCis, stereo[bi]!.Value.Cis);
    }

    [Fact]
    public void Components_are_laid_side_by_side()
    {
        var m = SmilesReader.Read("c1ccccc1.CCO.[Na+]");
        var p = Layout2D.Compute(m);
        var benzeneMax = Enumerable.Range(0, 6).Max(i => p[i].X);
        var ethanolMin = Enumerable.Range(6, 3).Min(i => p[i].X);
        var ethanolMax = Enumerable.Range(6, 3).Max(i => p[i].X);
        Assert.True(ethanolMin > benzeneMax + L);
        Assert.True(p[9].X > ethanolMax + L);
    }

    [Fact]
    public void A_hundred_atom_molecule_lays_out_quickly()
    {
        var smiles = string.Concat(Enumerable.Repeat("c1ccc(cc1)C(=O)NC", 10)) + "C";
        var m = SmilesReader.Read(smiles);
        Layout2D.Compute(m);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 20; i++) Layout2D.Compute(m);
        // Generous bound (shared, loaded test machines); typical cost is well under a millisecond.
        Assert.True(sw.Elapsed.TotalMilliseconds / 20 < 50, $"{sw.Elapsed.TotalMilliseconds / 20} ms per layout of {m.AtomCount} atoms");
    }
}
