using Sieve.Chemistry.Molfile;
using Xunit.Abstractions;
using MF = Sieve.Chemistry.Descriptors.MolecularFormula;

namespace Sieve.Chemistry.Tests.Molfile;

/// <summary>Read RDKit's molfiles, write them (Kekulé, V2000 and V3000), read them back: same molecule.</summary>
public class RoundTripTests(ITestOutputHelper output)
{
    public static TheoryData<string, MolfileVersion> Files => new()
    {
        { "sdf/rdkit_v2000.sdf", MolfileVersion.V2000 },
        { "sdf/rdkit_v2000.sdf", MolfileVersion.V3000 },
        { "sdf/rdkit_v3000.sdf", MolfileVersion.V2000 },
        { "sdf/rdkit_v3000.sdf", MolfileVersion.V3000 },
        { "molfile/pubchem_sample.sdf", MolfileVersion.V2000 },
        { "molfile/egfr_sample.sdf", MolfileVersion.V3000 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void SD_files_survive_write_and_read_back(string file, MolfileVersion version)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", file), System.Text.Encoding.Latin1);
        var originals = SdfReader.ReadAll(text);
        var sw = new StringWriter();
        new SdfWriter(sw, version).WriteAll(originals);
        var written = sw.ToString();
        Assert.Equal(originals.Count, written.Split("$$$$\n").Length - 1);
        Assert.Equal(version == MolfileVersion.V3000, written.Contains("M  V30 BEGIN CTAB", StringComparison.Ordinal));
        var again = SdfReader.ReadAll(written);
        Assert.Equal(originals.Count, again.Count);
        for (var i = 0; i < originals.Count; i++)
        {
            var a = originals[i];
            var b = again[i];
            Assert.Equal(a.Name, b.Name);
            Assert.Equal(a.Properties, b.Properties);
            Assert.Equal(MF.Of(a), MF.Of(b));
            Assert.Equal(Flat.Of(a), Flat.Of(b));
            // Wedges and coordinates are written back, so the stereo read from them is the same.
            Assert.Equal(Flat.Isomeric(a), Flat.Isomeric(b));
            // Atom order is kept, so atoms correspond one to one.
            Assert.Equal(a.Atoms.Select(x => (x.Element, x.Charge, x.Isotope, x.TotalHydrogens, x.IsAromatic, x.RadicalElectrons)),
                b.Atoms.Select(x => (x.Element, x.Charge, x.Isotope, x.TotalHydrogens, x.IsAromatic, x.RadicalElectrons)));
            Assert.Equal(a.Bonds.Select(x => x.Wedge), b.Bonds.Select(x => x.Wedge));
            Assert.True(MolfileCoordinates.TryGet(a, out var ca));
            Assert.True(MolfileCoordinates.TryGet(b, out var cb));
            for (var k = 0; k < ca.Count; k++)
                Assert.True(Math.Abs(ca[k].X - cb[k].X) <= 1e-4 && Math.Abs(ca[k].Y - cb[k].Y) <= 1e-4, $"atom {k} moved");
        }
        output.WriteLine($"{file} as {version}: {originals.Count} records round-tripped");
    }

    [Theory]
    [InlineData("[NH4+].[O-]C(=O)c1ccccc1[13CH3]")]
    [InlineData("[CH2]C")]
    [InlineData("[Na]Cl")]
    [InlineData("C[S+](C)[O-]")]
    [InlineData("c1cc[nH]c1")]
    [InlineData("[2H]C([2H])=O")]
    [InlineData("[Fe+3].[Cl-].[Cl-].[Cl-]")]
    [InlineData("[1*]CC[2*]")]
    public void SMILES_molecules_survive_V2000_and_V3000(string smiles)
    {
        var m = Sieve.Chemistry.Smiles.SmilesReader.Read(smiles);
        foreach (var v in new[] { MolfileVersion.V2000, MolfileVersion.V3000 })
        {
            var back = MolfileReader.Read(MolfileWriter.Write(m, v));
            Assert.Equal(MF.Of(m), MF.Of(back));
            Assert.Equal(Flat.Of(m), Flat.Of(back));
            Assert.Equal(m.Atoms.Select(a => (a.TotalHydrogens, a.Label, a.AtomMap)), back.Atoms.Select(a => (a.TotalHydrogens, a.Label, a.AtomMap)));
        }
    }

    [Fact]
    public void Position_variation_survives_V3000()
    {
        var m = Sieve.Chemistry.Smiles.SmilesReader.Read("*OC.c1ccccc1 |m:0:4.5.6|");
        var text = MolfileWriter.Write(m, MolfileVersion.V3000);
        Assert.Contains("ENDPTS=(3 5 6 7) ATTACH=ANY", text, StringComparison.Ordinal);
        var pv = Assert.Single(MolfileReader.Read(text).PositionVariations);
        Assert.Equal(0, pv.Atom);
        Assert.Equal([4, 5, 6], pv.Candidates);
    }

    [Fact]
    public void Any_bonds_survive()
    {
        var m = MolfileReader.Read(MolfileData.Text("features/any_bond.mol"));
        foreach (var v in new[] { MolfileVersion.V2000, MolfileVersion.V3000 })
            Assert.Equal(BondOrder.Zero, MolfileReader.Read(MolfileWriter.Write(m, v)).Bonds[0].Order);
    }

    [Fact]
    public void Writer_uses_Kekule_bonds_and_property_lines()
    {
        var m = Sieve.Chemistry.Smiles.SmilesReader.Read("[O-]c1ccccc1[13CH2]");
        var text = MolfileWriter.Write(m);
        Assert.DoesNotContain("  4  0\n", text, StringComparison.Ordinal); // no aromatic bond type
        Assert.Contains("M  CHG  1   1  -1\n", text, StringComparison.Ordinal);
        Assert.Contains("M  ISO  1   8  13\n", text, StringComparison.Ordinal);
        Assert.Contains("M  RAD  1   8   2\n", text, StringComparison.Ordinal);
        Assert.True(m.Bonds.Any(b => b.IsAromatic), "writing must not change the molecule");
    }

    [Fact]
    public void Large_molecules_switch_to_V3000()
    {
        var m = Sieve.Chemistry.Smiles.SmilesReader.Read(string.Concat(Enumerable.Repeat("C", 1200)));
        var text = MolfileWriter.Write(m);
        Assert.Contains("V3000", text, StringComparison.Ordinal);
        Assert.Equal(1200, MolfileReader.Read(text).AtomCount);
    }
}
