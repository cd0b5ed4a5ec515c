using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Depiction;
using Sieve.Chemistry.Smiles;

namespace Sieve.Chemistry.Tests.Depiction;

public class StereoWedgesTests
{
    [Theory]
    [InlineData("C[C@H](N)C(=O)O")]
    [InlineData("C[C@@H](N)C(=O)O")]
    [InlineData("N[C@@H](C)C(=O)O")]
    [InlineData("[C@@H]1(F)CCCC[C@H]1Cl")]
    [InlineData("C[C@]12CC[C@H]3[C@@H](CC[C@@H]4CC(=O)CC[C@]34C)[C@@H]1CC[C@@H]2O")]
    [InlineData("C[S@](=O)c1ccccc1")]
    public void Each_stereocentre_gets_one_wedge_from_itself_that_reads_back_its_parity(string smiles)
    {
        var m = SmilesReader.Read(smiles);
        var p = Layout2D.Compute(m);
        var w = StereoWedges.Assign(m, p);
        var parities = CanonicalRanking.Analyze(m, isomeric: true).Parities;
        var centres = 0;
        for (var a = 0; a < m.AtomCount; a++)
        {
            if (parities[a] == 0) continue;
            centres++;
            var fromHere = m.BondsOf(a).Count(b => w.Starts[b] == a && w.Wedges[b] is BondWedge.Wedge or BondWedge.Hash);
            Assert.Equal(1, fromHere);
            Assert.Equal(parities[a], TetrahedralGeometry.ParityFromDrawing(m, a, p, w));
        }
        Assert.True(centres > 0);
        // Mirror image: the same drawing needs the other wedge kinds.
        var mirror = SmilesReader.Read(smiles.Replace("@@", "!").Replace("@", "@@").Replace("!", "@"));
        var wm = StereoWedges.Assign(mirror, p);
        for (var b = 0; b < m.BondCount; b++)
            if (w.Wedges[b] is BondWedge.Wedge or BondWedge.Hash && wm.Starts[b] == w.Starts[b])
                Assert.NotEqual(w.Wedges[b], wm.Wedges[b]);
    }

    [Fact]
    public void Applying_turns_wedged_bonds_to_start_at_the_centre_and_keeps_cis_trans()
    {
        // The bond between the double bond and the centre carries a / mark and may be turned around.
        var m = SmilesReader.Read("F/C=C/[C@H](Cl)Br");
        var before = StereoPerception.DoubleBonds(m);
        var p = Layout2D.Compute(m);
        var w = StereoWedges.Assign(m, p);
        w.ApplyTo(m);
        for (var b = 0; b < m.BondCount; b++)
            if (m.Bonds[b].Wedge is BondWedge.Wedge or BondWedge.Hash)
                Assert.Equal(3, m.Bonds[b].Begin); // the stereocentre
        var after = StereoPerception.DoubleBonds(m);
        var bi = Array.FindIndex(before, s => s is not null);
        Assert.Equal(before[bi]!.Value.Cis ^ (before[bi]!.Value.RefBegin != after[bi]!.Value.RefBegin) ^ (before[bi]!.Value.RefEnd != after[bi]!.Value.RefEnd), after[bi]!.Value.Cis);
    }

    [Fact]
    public void Unspecified_double_bonds_that_could_be_stereo_are_marked_either()
    {
        var m = SmilesReader.Read("CC=CC.C=CC.CC(C)=C(C)C.C1CCCCC=1C");
        var w = StereoWedges.Assign(m, Layout2D.Compute(m));
        // CC=CC is; C=CC has a bare end and the ring bond sits in a six-ring. (Symmetric ends such as
        // in CC(C)=C(C)C may be marked too: a reader ignores the mark there.)
        Assert.Equal(BondWedge.Either, w.Wedges[m.BondIndex(1, 2)]);
        Assert.Equal(BondWedge.None, w.Wedges[m.BondIndex(4, 5)]);
        Assert.Equal(BondOrder.Double, m.Bonds[m.BondIndex(18, 13)].Order);
        Assert.Equal(BondWedge.None, w.Wedges[m.BondIndex(18, 13)]);
        Assert.All(Enumerable.Range(0, m.BondCount).Where(b => w.Wedges[b] == BondWedge.Either), b => Assert.Equal(BondOrder.Double, m.Bonds[b].Order));
    }

    [Fact]
    public void Empty_molecule_gives_empty_layout_and_a_valid_svg()
    {
        var m = new Molecule();
        var p = Layout2D.Compute(m);
        Assert.Empty(p);
        System.Xml.Linq.XDocument.Parse(SvgDepiction.Render(m, p));
    }
}
