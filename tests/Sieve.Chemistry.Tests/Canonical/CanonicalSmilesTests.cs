using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Smiles;

namespace Sieve.Chemistry.Tests.Canonical;

/// <summary>Canonical SMILES of hand-picked molecules, expected strings from RDKit 2022.09.3
/// (<c>Chem.MolToSmiles(Chem.MolFromSmiles(input))</c>).</summary>
public class CanonicalSmilesTests
{
    [Theory]
    [InlineData("OC(=O)C", "CC(=O)O")]
    [InlineData("[NH4+]", "[NH4+]")]
    [InlineData("[13CH4]", "[13CH4]")]
    [InlineData("[2H]C", "[2H]C")]
    [InlineData("[Na+].[Cl-]", "[Cl-].[Na+]")]
    [InlineData("[O-]C(=O)C.[Na+]", "CC(=O)[O-].[Na+]")]
    [InlineData("O=[N+]([O-])c1ccccc1", "O=[N+]([O-])c1ccccc1")]
    [InlineData("C1=CC=CC=C1", "c1ccccc1")]
    [InlineData("c1ccc2ccccc2c1", "c1ccc2ccccc2c1")]
    [InlineData("c1cc[nH]c1", "c1cc[nH]c1")]
    [InlineData("C1CC2CCC1CC2", "C1CC2CCC1CC2")]
    [InlineData("[CH2]C", "[CH2]C")]
    [InlineData("*c1ccccc1", "*c1ccccc1")]
    [InlineData("[*:1]C", "C[*:1]")]
    public void Writes_RDKit_canonical_SMILES(string input, string expected) =>
        Assert.Equal(expected, CanonicalSmiles.Of(SmilesReader.Read(input)));

    [Theory]
    [InlineData("C[S@](=O)CC", "CC[S@](C)=O")]
    [InlineData("N[C@@H](C)C(=O)O", "C[C@H](N)C(=O)O")]
    [InlineData("CC(C)[C@H](N)C(=O)O", "CC(C)[C@H](N)C(=O)O")]
    [InlineData("[C@@H](F)(Cl)Br", "F[C@H](Cl)Br")]
    [InlineData("F[C@H](Cl)Br", "F[C@H](Cl)Br")]
    [InlineData("Cl[C@@]1(F)CCCC1Br", "F[C@]1(Cl)CCCC1Br")]
    [InlineData("C[C@H](O)[C@@H](C)O", "C[C@H](O)[C@@H](C)O")]
    [InlineData("C[C@H](O)[C@H](C)O", "C[C@H](O)[C@H](C)O")]
    [InlineData("C[C@H]1CC[C@@H](C)CC1", "C[C@H]1CC[C@@H](C)CC1")]
    [InlineData("C[C@H]1CC[C@H](C)CC1", "C[C@H]1CC[C@H](C)CC1")]
    [InlineData("OC[C@H]1O[C@@H](O)[C@H](O)[C@@H](O)[C@@H]1O", "OC[C@H]1O[C@@H](O)[C@H](O)[C@@H](O)[C@@H]1O")]
    [InlineData("F/C=C/F", "F/C=C/F")]
    [InlineData("F/C=C\\F", "F/C=C\\F")]
    [InlineData("Cl/C(F)=C/Br", "F/C(Cl)=C\\Br")]
    [InlineData("C(/F)=C/C=C/C", "C/C=C/C=C\\F")]
    [InlineData("C1CCCCC/C=C/1", "C1=C/CCCCCC/1")]
    public void Keeps_stereo_as_RDKit_writes_it(string input, string expected) =>
        Assert.Equal(expected, CanonicalSmiles.Of(SmilesReader.Read(input)));

    [Theory]
    [InlineData("C/C=C(/C)C", "CC=C(C)C")]          // two equal methyls: no cis/trans
    [InlineData("C[C@H](C)CC", "CCC(C)C")]           // two equal methyls: no centre
    [InlineData("C[C@H]1CCCCC1", "CC1CCCCC1")]       // symmetric ring, no partner centre
    public void Drops_stereo_marks_that_describe_no_stereo(string input, string expected) =>
        Assert.Equal(expected, CanonicalSmiles.Of(SmilesReader.Read(input)));

    [Fact]
    public void Enantiomers_and_cis_trans_isomers_get_different_strings()
    {
        Assert.NotEqual(CanonicalSmiles.Of(SmilesReader.Read("F[C@H](Cl)Br")), CanonicalSmiles.Of(SmilesReader.Read("F[C@@H](Cl)Br")));
        Assert.NotEqual(CanonicalSmiles.Of(SmilesReader.Read("F/C=C/Cl")), CanonicalSmiles.Of(SmilesReader.Read("F/C=C\\Cl")));
        Assert.Equal(CanonicalSmiles.Of(SmilesReader.Read("F/C=C/Cl")), CanonicalSmiles.Of(SmilesReader.Read("Cl\\C=C\\F")));
    }

    [Fact]
    public void Ranks_are_a_permutation_per_component_and_equivalent_atoms_do_not_matter()
    {
        var m = SmilesReader.Read("OCC.Cl");
        var ranks = CanonicalRanking.Rank(m);
        Assert.Equal(4, ranks.Length);
        Assert.Equal([0, 1, 2], ranks[..3].Order().ToArray());
        Assert.Equal(0, ranks[3]);
        // RDKit's CanonicalRankAtoms for OCC: [1, 2, 0]
        Assert.Equal([1, 2, 0], ranks[..3]);
    }

    [Fact]
    public void Options_select_isomeric_kekule_and_input_order_output()
    {
        var m = SmilesReader.Read("C[S@](=O)CC");
        Assert.Equal("CCS(C)=O", SmilesWriter.Write(m, new SmilesWriteOptions { Isomeric = false }));
        Assert.Equal("C[S@](=O)CC", SmilesWriter.Write(m, new SmilesWriteOptions { Canonical = false }));
        Assert.Equal("[H]C", SmilesWriter.Write(SmilesReader.Read("[2H]C"), new SmilesWriteOptions { Isomeric = false }));
        Assert.Equal("C1=CC=C2C=CC=CC2=C1", SmilesWriter.Write(SmilesReader.Read("c1ccc2ccccc2c1"), new SmilesWriteOptions { Kekule = true }));
        Assert.Equal("C1=CNC=C1", SmilesWriter.Write(SmilesReader.Read("c1cc[nH]c1"), new SmilesWriteOptions { Kekule = true }));
        Assert.Equal("O=[N+]([O-])C1=CC=CC=C1", SmilesWriter.Write(SmilesReader.Read("O=[N+]([O-])c1ccccc1"), new SmilesWriteOptions { Kekule = true }));
    }

    [Fact]
    public void Ring_digits_are_reused_and_go_past_nine_with_percent()
    {
        // cubane: digits are reused once closed, as RDKit writes it
        Assert.Equal("C12C3C4C1C1C2C3C41", CanonicalSmiles.Of(SmilesReader.Read("C12C3C4C1C5C2C3C45")));
        // eleven separate rings opened on one chain atom each need %10 and %11
        var smiles = CanonicalSmiles.Of(SmilesReader.Read(
            "C1CC2CC3CC4CC5CC6CC7CC8CC9CC%10CC%11CCCCC%11CC%10CC9CC8CC7CC6CC5CC4CC3CC2C1"));
        Assert.Contains("%10", smiles);
        Assert.Equal(smiles, CanonicalSmiles.Of(SmilesReader.Read(smiles)));
    }

    [Fact]
    public void CXSMILES_labels_and_position_variation_round_trip()
    {
        var m = SmilesReader.Read("*c1ccccc1.*Cl |$R1;;;;;;;_AP1;$,m:7:2.3.4|");
        var written = SmilesWriter.Write(m);
        Assert.Contains("|", written);
        var back = SmilesReader.Read(written);
        Assert.Equal(written, SmilesWriter.Write(back));
        var labels = back.Atoms.Select(a => a.Label).OfType<string>().Order().ToArray();
        Assert.Equal(["R1", "_AP1"], labels);
        Assert.Single(back.PositionVariations);
        Assert.Equal(3, back.PositionVariations[0].Candidates.Count);
        Assert.Equal("Cl", Elements.Symbol(back.Atoms[back.Neighbors(back.PositionVariations[0].Atom).Single()].Element));
    }

    [Theory]
    [InlineData("*c1ccccc1.*Cl |$R1;;;;;;;_AP1;$,m:7:2.3.4|")]
    [InlineData("[*:1]c1ccc([*:2])cc1 |$R1;;;;;R2;;$|")]
    [InlineData("COc1ccc2ccccc2c1.*N |m:11:3.4.5.6|")]
    public void Markush_CXSMILES_is_written_the_same_whatever_the_atom_order(string cxsmiles)
    {
        var m = SmilesReader.Read(cxsmiles);
        var expected = SmilesWriter.Write(m);
        var rng = new Random(7);
        for (var k = 0; k < 20; k++)
            Assert.Equal(expected, SmilesWriter.Write(Renumbering.Shuffle(m, rng)));
    }
}
