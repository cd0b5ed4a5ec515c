using Sieve.Chemistry.Molfile;

namespace Sieve.Chemistry.Tests.Molfile;

/// <summary>Field-level reading (no perception needed): what each molfile feature puts into the model.</summary>
public class MolfileParsingTests
{
    private static Molecule Raw(string feature) => MolfileReader.ReadRaw(MolfileData.Text($"features/{feature}.mol"));

    [Fact]
    public void Atom_block_charge_codes_become_formal_charges()
    {
        var m = Raw("charge_block");
        Assert.Equal([1, 0, -1], m.Atoms.Select(a => a.Charge));
    }

    [Fact]
    public void First_M_CHG_line_supersedes_atom_block_charges()
    {
        var m = Raw("charge_chg_resets");
        Assert.Equal([1, 0], m.Atoms.Select(a => a.Charge));
    }

    [Fact]
    public void Isotopes_come_from_M_ISO_mass_differences_and_D_T_symbols()
    {
        Assert.Equal([13, 0, 18], Raw("isotope_iso").Atoms.Select(a => a.Isotope));
        Assert.Equal([13, 80], Raw("isotope_massdiff").Atoms.Select(a => a.Isotope));
        // [2H] and [3H] are labelled, so RDKit keeps them as atoms.
        var d = Raw("deuterium_symbol");
        Assert.Equal([(6, 0), (1, 2), (1, 3)], d.Atoms.Select(a => (a.Element, a.Isotope)));
    }

    [Fact]
    public void Radicals_and_valence_field_are_read()
    {
        Assert.Equal(1, Raw("radical_doublet").Atoms[0].RadicalElectrons);
        var v = Raw("valence_field").Atoms[0];
        Assert.True(v.IsBracket);
        Assert.Equal(2, v.ExplicitHydrogens); // valence 3, one bond
        var na = Raw("valence_zero").Atoms[0];
        Assert.True(na.IsBracket);
        Assert.Equal(0, na.ExplicitHydrogens);
        Assert.False(Raw("metal_no_h").Atoms[0].IsBracket);
    }

    [Fact]
    public void Plain_hydrogens_are_removed_and_the_valence_model_restores_them()
    {
        // As RDKit: removed before perception; the count is kept only on fixed-valence atoms.
        var m = Raw("explicit_h_removed");
        Assert.Equal(2, m.AtomCount);
        Assert.Null(m.Atoms[1].ExplicitHydrogens);
        Assert.Equal(1, Raw("ammonium_explicit_h").AtomCount);
        const string fixedValence = "\n\n\n  2  1  0  0  0  0  0  0  0  0999 V2000\n" +
            "    0.0000    0.0000    0.0000 C   0  0  0  0  0  2  0  0  0  0  0  0\n" +
            "    0.0000    0.0000    0.0000 H   0  0  0  0  0  0  0  0  0  0  0  0\n  1  2  1  0\nM  END\n";
        var c = MolfileReader.ReadRaw(fixedValence).Atoms[0];
        Assert.True(c.IsBracket);
        Assert.Equal(2, c.ExplicitHydrogens); // valence 2 = the H bond + 1 more H; the removed H is kept
    }

    [Fact]
    public void Aromatic_and_any_bonds_are_read()
    {
        var ar = Raw("aromatic_bonds");
        Assert.All(ar.Bonds, b => Assert.Equal(BondOrder.Aromatic, b.Order));
        Assert.All(ar.Atoms, a => Assert.True(a.IsAromatic));
        Assert.Equal(BondOrder.Zero, Raw("any_bond").Bonds[0].Order);
    }

    [Fact]
    public void R_group_atoms_become_labelled_mapped_dummies()
    {
        var m = Raw("rgroup_rgp");
        Assert.Equal([(0, "R1", 1), (0, "R2", 2)], m.Atoms.Skip(1).Select(a => (a.Element, a.Label!, a.AtomMap)));
    }

    [Fact]
    public void Aliases_wedges_and_coordinates_are_kept()
    {
        Assert.Equal("Et", Raw("alias").Atoms[1].Label);
        var w = Raw("wedge_stereo");
        Assert.Equal(BondWedge.Wedge, w.Bonds[0].Wedge);
        Assert.True(MolfileCoordinates.TryGet(w, out var xyz));
        Assert.Equal(1.2990, xyz[1].X, 4);
        Assert.Equal(2.25, xyz[3].Y, 4);
    }

    [Fact]
    public void V3000_atom_properties_are_read()
    {
        var m = Raw("salt_v3000");
        Assert.Equal(1, m.Atoms[0].Charge);
        Assert.Equal(4, m.Atoms[0].ExplicitHydrogens); // VAL=4 on N+
        Assert.Contains(m.Atoms, a => a.Isotope == 13);
        Assert.Contains(m.Atoms, a => a.Charge == -1);
    }

    [Fact]
    public void Atom_lists_become_labelled_dummies()
    {
        const string text = "\n  test\n\n  2  1  0  0  0  0  0  0  0  0999 V2000\n" +
            "    0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\n" +
            "    0.0000    0.0000    0.0000 L   0  0  0  0  0  0  0  0  0  0  0  0\n" +
            "  1  2  1  0\nM  ALS   2  3 F N   O   S   \nM  END\n";
        var m = MolfileReader.ReadRaw(text);
        Assert.Equal(0, m.Atoms[1].Element);
        Assert.Equal("[N,O,S]", m.Atoms[1].Label);
    }

    [Fact]
    public void V3000_position_variation_bonds_are_read()
    {
        const string text = "\n  test\n\n  0  0  0  0  0  0  0  0  0  0999 V3000\n" +
            "M  V30 BEGIN CTAB\nM  V30 COUNTS 5 4 0 0 0\nM  V30 BEGIN ATOM\n" +
            "M  V30 1 C 0 0 0 0\nM  V30 2 C 0 0 0 0\nM  V30 3 C 0 0 0 0\nM  V30 4 * 0 0 0 0\nM  V30 5 O 0 0 0 0\n" +
            "M  V30 END ATOM\nM  V30 BEGIN BOND\nM  V30 1 1 1 2\nM  V30 2 1 2 3\nM  V30 3 1 4 5\n" +
            "M  V30 4 1 4 1 ENDPTS=(3 1 2 -\nM  V30 3) ATTACH=ANY\nM  V30 END BOND\nM  V30 END CTAB\nM  END\n";
        var m = MolfileReader.ReadRaw(text);
        var pv = Assert.Single(m.PositionVariations);
        Assert.Equal(3, pv.Atom);
        Assert.Equal([0, 1, 2], pv.Candidates);
    }
}
