using Sieve.Chemistry;
using Sieve.Chemistry.Canonical;
using Sieve.Ocsr.Labels;

namespace Sieve.Ocsr.Tests;

public class LabelParserTests
{
    /// <summary>The fragment with a methyl on its attachment atom, as canonical SMILES: shows where bonds attach.</summary>
    private static string Attached(string label)
    {
        var fragment = LabelParser.Parse(label)!.Fragment;
        var m = fragment.Clone();
        var c = m.AddAtom(new Atom { Element = 6 });
        m.AddBond(0, c, BondOrder.Single);
        Sieve.Chemistry.Perception.Sanitizer.Sanitize(m);
        return CanonicalSmiles.OfWithExtensions(m);
    }

    [Theory]
    [InlineData("OMe", "MeO", "COC")]
    [InlineData("CO2Et", "EtO2C", "CCOC(C)=O")]
    [InlineData("CF3", "F3C", "CC(F)(F)F")]
    [InlineData("NO2", "O2N", "C[N+](=O)[O-]")]
    [InlineData("CN", "NC", "CC#N")]
    [InlineData("NH2", "H2N", "CN")]
    [InlineData("OH", "HO", "CO")]
    public void Labels_read_the_same_either_way_round_and_attach_at_the_right_atom(string one, string other, string expected)
    {
        Assert.Equal(expected, Attached(one));
        Assert.Equal(expected, Attached(other));
    }

    [Theory]
    [InlineData("tBu", "CC(C)(C)C")]
    [InlineData("iPr", "CC(C)C")]
    [InlineData("Ph", "Cc1ccccc1")]
    [InlineData("Ac", "CC(C)=O")]
    [InlineData("Boc", "CC(=O)OC(C)(C)C")]
    [InlineData("Ts", "Cc1ccc(S(C)(=O)=O)cc1")]
    [InlineData("NMe2", "CN(C)C")]
    [InlineData("SO2Me", "CS(C)(=O)=O")]
    [InlineData("Cl", "CCl")]
    public void Abbreviations_expand_to_their_groups(string label, string expected) =>
        Assert.Equal(expected, Attached(label));

    [Theory]
    [InlineData("N+", 7, 1)]
    [InlineData("O-", 8, -1)]
    [InlineData("NH3+", 7, 1)]
    public void Drawn_charges_are_read(string label, int element, int charge)
    {
        var atom = LabelParser.Parse(label)!.Fragment.Atoms[0];
        Assert.Equal(element, atom.Element);
        Assert.Equal(charge, atom.Charge);
    }

    [Theory]
    [InlineData("R")]
    [InlineData("R1")]
    [InlineData("R12")]
    [InlineData("R'")]
    [InlineData("X")]
    [InlineData("Ar")]
    public void Markush_labels_are_labelled_attachment_atoms(string label)
    {
        var parsed = LabelParser.Parse(label)!;
        Assert.True(parsed.IsMarkush);
        Assert.Equal(0, parsed.Fragment.Atoms[0].Element);
        Assert.Equal(label, parsed.Fragment.Atoms[0].Label);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Qq7")]
    [InlineData("Xe+-")]
    public void Text_that_is_no_label_is_not_read(string text) => Assert.Null(LabelParser.Parse(text));

    [Theory]
    [InlineData("¹³C", "C[13CH3]")]
    [InlineData("H¹⁸O", "C[18OH]")]
    [InlineData("²H", "[2H]C")]
    [InlineData("¹⁵NH2", "C[15NH2]")]
    public void Mass_numbers_in_superscript_make_isotopes(string label, string attached) =>
        Assert.Equal(attached, Attached(label));

    [Fact]
    public void Digits_after_an_H_are_its_count_not_a_mass_number() =>
        Assert.Equal(0, LabelParser.Parse("H2N")!.Fragment.Atoms[0].Isotope);
}
