namespace Sieve.Chemistry.Tests.Model;

public class MoleculeTests
{
    [Fact]
    public void Bonds_are_listed_per_atom_in_insertion_order_and_components_split()
    {
        var m = new Molecule();
        for (var i = 0; i < 4; i++) m.AddAtom(new Atom { Element = 6 });
        m.AddBond(0, 1, BondOrder.Single);
        m.AddBond(2, 1, BondOrder.Double);
        Assert.Equal([0, 2], m.Neighbors(1));
        Assert.Equal(BondOrder.Double, m.BondBetween(1, 2)!.Order);
        Assert.Null(m.BondBetween(0, 2));
        Assert.Equal([[0, 1, 2], [3]], m.Components());
    }

    [Fact]
    public void A_bond_to_a_missing_atom_or_to_itself_is_refused()
    {
        var m = new Molecule();
        m.AddAtom(new Atom { Element = 6 });
        Assert.Throws<ArgumentOutOfRangeException>(() => m.AddBond(0, 1, BondOrder.Single));
        Assert.Throws<ArgumentException>(() => m.AddBond(0, 0, BondOrder.Single));
        Assert.Equal(0, m.BondCount);
    }

    [Fact]
    public void Element_table_agrees_with_RDKit_symbols_and_valences()
    {
        Assert.Equal(17, Elements.AtomicNumber("Cl"));
        Assert.Equal(-1, Elements.AtomicNumber("CL"));
        Assert.Equal([2, 4, 6], Elements.Get(16).DefaultValences);
        Assert.Equal(12.011, Elements.Get(6).AverageMass);
    }
}
