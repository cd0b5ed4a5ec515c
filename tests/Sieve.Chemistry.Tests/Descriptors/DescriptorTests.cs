using Sieve.Chemistry.Descriptors;
using Sieve.Chemistry.Smiles;
using D = Sieve.Chemistry.Descriptors.Descriptors;

namespace Sieve.Chemistry.Tests.Descriptors;

/// <summary>Formula conventions as RDKit's CalcMolFormula writes them (values taken from RDKit 2022.09.3).</summary>
public class DescriptorTests
{
    [Theory]
    [InlineData("[*]N", "H2*N")]
    [InlineData("OB(O)O", "H3BO3")]
    [InlineData("ClC(Cl)Br", "CHBrCl2")]
    [InlineData("[Cl-].[Cl-].[Ca+2]", "CaCl2")]
    [InlineData("[NH4+].[NH4+]", "H8N2+2")]
    [InlineData("[O-2]", "O-2")]
    [InlineData("[Na+]", "Na+")]
    [InlineData("[2H]C", "CH4")]
    [InlineData("C[Fe-2]", "CH3Fe-2")]
    public void Formula_is_C_then_H_then_ordinal_with_net_charge(string smiles, string formula) =>
        Assert.Equal(formula, MolecularFormula.Of(SmilesReader.Read(smiles)));

    [Theory]
    [InlineData("[2H]C", 17.049101778, 1)]
    [InlineData("[99C]", 99.0, 1)]
    [InlineData("[13CH4]", 17.03535484, 1)]
    [InlineData("[1*]C", 15.035, 1)]
    [InlineData("[Na+].[Cl-]", 58.443, 2)]
    public void Weight_uses_isotope_masses_and_dummies_are_not_heavy(string smiles, double mw, int heavy)
    {
        var m = SmilesReader.Read(smiles);
        Assert.Equal(mw, D.MolecularWeight(m), 6);
        Assert.Equal(heavy, D.HeavyAtomCount(m));
    }
}
