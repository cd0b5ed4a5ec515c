using Sieve.Chemistry.Smiles;

namespace Sieve.Chemistry.Tests.Smiles;

public class SmilesReaderTests
{
    private static string Hs(Molecule m) => string.Join(',', m.Atoms.Select(a => a.TotalHydrogens));

    [Fact]
    public void Organic_subset_atoms_get_implicit_hydrogens()
    {
        var m = SmilesReader.Read("CC(=O)OCl");
        Assert.Equal([6, 6, 8, 8, 17], m.Atoms.Select(a => a.Element));
        Assert.Equal("3,0,0,0,0", Hs(m));
        Assert.Equal(BondOrder.Double, m.BondBetween(1, 2)!.Order);
        Assert.Equal("0,1,1", Hs(SmilesReader.Read("BrC=N")));
    }

    [Fact]
    public void Bracket_atoms_carry_isotope_charge_hydrogens_class_and_no_implicit_h()
    {
        var m = SmilesReader.ParseRaw("[13CH3:7][NH3+].[O--].[Fe+2].[Cu-3][2H]");
        var c = m.Atoms[0];
        Assert.Equal((6, 13, 3, 7, true), (c.Element, c.Isotope, c.ExplicitHydrogens!.Value, c.AtomMap, c.IsBracket));
        Assert.Equal((7, 1, 3), (m.Atoms[1].Element, m.Atoms[1].Charge, m.Atoms[1].ExplicitHydrogens!.Value));
        Assert.Equal(-2, m.Atoms[2].Charge);
        Assert.Equal((26, 2), (m.Atoms[3].Element, m.Atoms[3].Charge));
        Assert.Equal((29, -3), (m.Atoms[4].Element, m.Atoms[4].Charge));
        Assert.Equal((1, 2), (m.Atoms[5].Element, m.Atoms[5].Isotope));
        // [CH2] is a bracket atom: no implicit H is added, the open valence becomes a radical.
        var r = SmilesReader.Read("[CH2]C");
        Assert.Equal("2,3", Hs(r));
        Assert.Equal(1, r.Atoms[0].RadicalElectrons);
        Assert.Equal(2, SmilesReader.Read("[CH2]").Atoms[0].RadicalElectrons);
    }

    [Fact]
    public void Aromatic_atoms_and_bonds_are_read_and_perceived()
    {
        var raw = SmilesReader.ParseRaw("c1cc[nH]c1.[se]1cccc1");
        Assert.All(raw.Atoms, a => Assert.True(a.IsAromatic));
        Assert.Equal(BondOrder.Aromatic, raw.Bonds[0].Order);
        Assert.Equal(34, raw.Atoms[5].Element);
        var m = SmilesReader.Read("c1cc[nH]c1");
        Assert.Equal("1,1,1,1,1", Hs(m));
        Assert.All(m.Bonds, b => Assert.Equal(BondOrder.Aromatic, b.Order));
    }

    [Fact]
    public void Ring_closures_take_bond_orders_from_either_side_and_percent_numbers()
    {
        var m = SmilesReader.ParseRaw("C=1CCC1.C1CCC=1.C%12CC%12");
        Assert.Equal(BondOrder.Double, m.BondBetween(0, 3)!.Order);
        Assert.Equal(BondOrder.Double, m.BondBetween(4, 7)!.Order);
        Assert.NotNull(m.BondBetween(8, 10));
        Assert.NotNull(SmilesReader.ParseRaw("C%(123)CC%(123)").BondBetween(0, 2)); // RDKit's %(n) extension
        Assert.Equal(3, m.Components().Count);
        // Digits can be reused once closed.
        Assert.Equal(2, SmilesReader.Read("C1CC1C1CC1").Rings!.RingCount);
    }

    [Fact]
    public void Every_bond_symbol_is_understood()
    {
        var m = SmilesReader.ParseRaw("C-C=C#C$C:C/C\\C");
        Assert.Equal(
            [BondOrder.Single, BondOrder.Double, BondOrder.Triple, BondOrder.Quadruple, BondOrder.Aromatic, BondOrder.Single, BondOrder.Single],
            m.Bonds.Select(b => b.Order));
        Assert.Equal(BondDirection.Up, m.Bonds[5].Direction);
        Assert.Equal(BondDirection.Down, m.Bonds[6].Direction);
    }

    [Fact]
    public void A_dot_inside_a_branch_starts_a_new_part_and_the_branch_atom_continues()
    {
        // RDKit reads C(C.C)C as C.CCC: bonds 0-1 and 0-3.
        var m = SmilesReader.ParseRaw("C(C.C)C");
        Assert.Equal([1, 3], m.Neighbors(0));
        Assert.Empty(m.Neighbors(2));
    }

    [Fact]
    public void Branches_and_dots_build_the_right_graph()
    {
        var m = SmilesReader.ParseRaw("CC(C)(O)C(=O)N.[Na+]");
        Assert.Equal([0, 2, 3, 4], m.Neighbors(1));
        Assert.Equal([1, 5, 6], m.Neighbors(4));
        Assert.Empty(m.Neighbors(7));
        Assert.Equal(2, m.Components().Count);
    }

    [Fact]
    public void Ring_closure_bonds_take_the_neighbour_place_where_the_digit_is_written()
    {
        // Atom 0 writes ring digit 1 before its branch (F): neighbour order must be 4 (ring), 1 (F), 2.
        var m = SmilesReader.ParseRaw("C1(F)CCC1");
        Assert.Equal([4, 1, 2], m.Neighbors(0));
        // The closing atom gets the ring bond at its digit, after the bond from its preceding atom.
        Assert.Equal([3, 0], m.Neighbors(4));
        var n = SmilesReader.ParseRaw("N[C@@H]1CC[C@H](O)C1");
        Assert.Equal([0, 6, 2], n.Neighbors(1));
    }

    [Fact]
    public void The_implicit_hydrogen_place_can_be_told_from_neighbour_indices()
    {
        // F[C@H](Cl)Br: H after F (F has the lower index). [C@@H](F)(Cl)Br: H first (F has a higher index).
        // Both describe the same configuration, RDKit writes both as F[C@H](Cl)Br.
        var a = SmilesReader.ParseRaw("F[C@H](Cl)Br");
        var b = SmilesReader.ParseRaw("[C@@H](F)(Cl)Br");
        Assert.Equal(Chirality.CounterClockwise, a.Atoms[1].Chirality);
        Assert.Equal(Chirality.Clockwise, b.Atoms[0].Chirality);
        // After '.', a ring bond back to an earlier atom comes first although the H was written first:
        // the parity is normalised so the index rule still holds (H second here).
        var c = SmilesReader.ParseRaw("C1.[C@H]1(F)Cl");
        Assert.Equal([0, 2, 3], c.Neighbors(1));
        Assert.Equal(Chirality.Clockwise, c.Atoms[1].Chirality);
    }

    [Fact]
    public void Chirality_marks_are_kept_and_TH_classes_map_to_at_signs()
    {
        var m = SmilesReader.ParseRaw("F[C@](Cl)(Br)I.F[C@@](Cl)(Br)I.F[C@TH1](Cl)(Br)I.F[C@TH2](Cl)(Br)I.F[C@SP1](Cl)(Br)I");
        Assert.Equal(
            [Chirality.CounterClockwise, Chirality.Clockwise, Chirality.CounterClockwise, Chirality.Clockwise, Chirality.None],
            new[] { 1, 6, 11, 16, 21 }.Select(i => m.Atoms[i].Chirality));
    }

    [Fact]
    public void Ring_closure_bonds_begin_at_the_closer_and_directions_follow()
    {
        // '/' at the opening digit reads from the opener (End here); at the closing digit from the closer (Begin).
        var open = SmilesReader.ParseRaw("F/C=C/1.Cl1");
        Assert.Equal((3, 2), (open.BondBetween(2, 3)!.Begin, open.BondBetween(2, 3)!.End));
        Assert.Equal(BondDirection.Down, open.BondBetween(2, 3)!.Direction);
        var close = SmilesReader.ParseRaw("Cl1.F/C=C/1");
        Assert.Equal((3, 0), (close.BondBetween(0, 3)!.Begin, close.BondBetween(0, 3)!.End));
        Assert.Equal(BondDirection.Up, close.BondBetween(0, 3)!.Direction);
    }

    private static BondDirection From(Molecule m, int a, int b)
    {
        var bond = m.BondBetween(a, b)!;
        if (bond.Begin == a || bond.Direction == BondDirection.None) return bond.Direction;
        return bond.Direction == BondDirection.Up ? BondDirection.Down : BondDirection.Up;
    }

    [Theory]
    // RDKit reads each of these as the given chain form; seen from the double-bond carbon (atom 2) towards Cl
    // the mark must be the same as in the chain form.
    [InlineData("F/C=C/1.Cl1", "F/C=C/Cl")]
    [InlineData("F/C=C1.Cl/1", "F/C=C\\Cl")]
    [InlineData("F/C=C1.Cl\\1", "F/C=C/Cl")]
    public void Ring_closure_marks_mean_what_RDKit_reads(string ring, string chain)
    {
        var r = SmilesReader.ParseRaw(ring);
        var c = SmilesReader.ParseRaw(chain);
        Assert.Equal(From(c, 2, 3), From(r, 2, 3));
        Assert.Equal(From(c, 0, 1), From(r, 0, 1));
    }

    [Fact]
    public void Bond_indices_match_RDKit_ring_closures_last_by_ring_number()
    {
        // RDKit: C12CCC1CC2.C1CC1 -> ... (7: 3-0), (8: 8-6), (9: 5-0)
        var m = SmilesReader.ParseRaw("C12CCC1CC2.C1CC1");
        Assert.Equal([(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (6, 7), (7, 8), (3, 0), (8, 6), (5, 0)], m.Bonds.Select(b => (b.Begin, b.End)));
        // Written neighbour order is unaffected: atom 0 lists ring 1, ring 2, then atom 1.
        Assert.Equal([3, 5, 1], m.Neighbors(0));
    }

    [Fact]
    public void Explicit_hydrogen_atoms_are_folded_in_like_RDKit_keeping_the_configuration()
    {
        var m = SmilesReader.Read("[H]C([H])([H])O");
        Assert.Equal(2, m.AtomCount);
        Assert.Equal("3,1", Hs(m));
        // RDKit: [H][C@](F)(Cl)Br and [C@H](F)(Cl)Br are the same molecule; F[C@@H](Cl)Br too.
        var a = SmilesReader.Read("[H][C@](F)(Cl)Br");
        var b = SmilesReader.Read("[C@H](F)(Cl)Br");
        Assert.Equal(b.Atoms[0].Chirality, a.Atoms[0].Chirality);
        Assert.Equal(b.Neighbors(0), a.Neighbors(0));
        var c = SmilesReader.Read("F[C@]([H])(Cl)Br"); // H already right after F: nothing moves
        Assert.Equal(Chirality.CounterClockwise, c.Atoms[1].Chirality);
        var d = SmilesReader.Read("F[C@](Cl)([H])Br"); // H moves over Cl: parity flips
        Assert.Equal(Chirality.Clockwise, d.Atoms[1].Chirality);
        // Isotopic hydrogens and H2 stay atoms.
        Assert.Equal(2, SmilesReader.Read("[2H]C").AtomCount);
        Assert.Equal(2, SmilesReader.Read("[H][H]").AtomCount);
    }

    [Fact]
    public void Text_after_the_smiles_is_the_name()
    {
        Assert.Equal("ethanol (test)", SmilesReader.Read("CCO  ethanol (test) ").Name);
        Assert.Null(SmilesReader.Read("CCO").Name);
        Assert.Equal("benzene", SmilesReader.Read("c1ccccc1\tbenzene").Name);
        Assert.Equal(0, SmilesReader.Read("").AtomCount);
    }
}
