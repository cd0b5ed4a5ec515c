using Sieve.Chemistry.Smarts;

namespace Sieve.Chemistry.Tests.Smarts;

public class SmartsReaderTests
{
    [Theory]
    // Every one of these is rejected by RDKit's MolFromSmarts too; the position is where we noticed.
    [InlineData("[", 1)]
    [InlineData("[]", 1)]
    [InlineData("[C", 0)]
    [InlineData("C]", 1)]
    [InlineData("C1", 1)]
    [InlineData("C1CC", 1)]
    [InlineData("C(", 2)]
    [InlineData("C)", 1)]
    [InlineData("C()", 2)]
    [InlineData("C(C", 1)]
    [InlineData("(C)", 0)]
    [InlineData(".C", 0)]
    [InlineData("C.", 2)]
    [InlineData("C..C", 2)]
    [InlineData("C-", 1)]
    [InlineData("-C", 0)]
    [InlineData("C=-", 1)]
    [InlineData("[C;]", 3)]
    [InlineData("[C,]", 3)]
    [InlineData("[C&]", 3)]
    [InlineData("[!]", 2)]
    [InlineData("[C&&N]", 3)]
    [InlineData("[Q]", 1)]
    [InlineData("[Xy]", 2)]
    [InlineData("[#]", 2)]
    [InlineData("[$(C]", 1)]
    [InlineData("[$()]", 3)]
    [InlineData("[$C]", 2)]
    [InlineData("C%1C", 1)]
    [InlineData("C%", 1)]
    [InlineData("C%(12C%(12)", 5)]
    [InlineData("[C:]", 3)]
    [InlineData("[C:1:2]", 4)]
    [InlineData("[D{3}]", 4)]
    [InlineData("[D{-}]", 2)]
    [InlineData("[D{2-3]", 6)]
    [InlineData("Cx", 1)]
    [InlineData("cl", 1)]
    [InlineData("X", 0)]
    [InlineData("H", 0)]
    [InlineData("[C@?]", 3)]
    [InlineData("C$", 1)]
    [InlineData("C&C", 1)]
    [InlineData("C!C", 2)]
    [InlineData("C1CC1C1", 6)]
    [InlineData("C11", 2)]
    [InlineData("C12CC12", 6)]
    [InlineData("[Ts]", 1)]
    [InlineData("CC)", 2)]
    [InlineData("C(C))", 4)]
    [InlineData("C1.1", 3)]
    [InlineData("[H+&R]", 3)]
    [InlineData("[2H-,C]", 4)]
    [InlineData("[H-;!H2]", 3)]
    [InlineData("[H{1-2}]", 2)]
    [InlineData("[13{1-2}]", 3)]
    [InlineData("[#6{1-2}]", 3)]
    [InlineData("[^6]", 2)]
    [InlineData("[^]", 2)]
    public void Invalid_SMARTS_throws_with_the_position(string smarts, int position)
    {
        var e = Assert.Throws<SmartsParseException>(() => SmartsReader.Read(smarts));
        Assert.Equal(position, e.Position);
        Assert.Equal("SMARTS", e.Format);
        Assert.Contains($"position {position}", e.Message);
        Assert.False(string.IsNullOrWhiteSpace(e.Problem));
    }

    [Fact]
    public void Errors_inside_recursive_SMARTS_point_into_the_outer_text()
    {
        var e = Assert.Throws<SmartsParseException>(() => SmartsReader.Read("CC[$(C=[Q])]"));
        Assert.Equal(8, e.Position);
        Assert.Equal("CC[$(C=[Q])]", e.Input);
    }

    [Fact]
    public void Empty_SMARTS_is_an_empty_query_as_in_RDKit()
    {
        var q = SmartsReader.Read("");
        Assert.Equal(0, q.AtomCount);
    }

    [Fact]
    public void Atoms_bonds_branches_ring_closures_and_components_build_the_graph()
    {
        var q = SmartsReader.Read("C1CC(=O)C1.[N+:7]");
        Assert.Equal(6, q.AtomCount);
        Assert.Equal(5, q.BondCount);
        Assert.Equal([1, 4], q.Bonds.Where(b => b.Begin == 0 || b.End == 0).Select(b => b.Other(0)).Order());
        Assert.Equal(7, q.Atoms[5].AtomMap);
        Assert.Empty(q.BondsOf(5));
        Assert.Equal("C1CC(=O)C1.[N+:7]", q.Smarts);
    }

    [Fact]
    public void Two_digit_and_parenthesised_ring_numbers_close_rings()
    {
        Assert.Equal(3, SmartsReader.Read("C%10CC%10").BondCount);
        Assert.Equal(3, SmartsReader.Read("C%(123)CC%(123)").BondCount);
        // A ring number can be reused once closed, and may close across '.' as in RDKit.
        Assert.Equal(7, SmartsReader.Read("C1CC1C1CC1").BondCount);
        Assert.Equal(1, SmartsReader.Read("C1.C1").BondCount);
    }

    [Theory]
    [InlineData("[C@H](F)(Cl)Br", Chirality.CounterClockwise)]
    [InlineData("[C@@H](F)(Cl)Br", Chirality.Clockwise)]
    [InlineData("[C@TH2](F)(Cl)Br", Chirality.Clockwise)]
    [InlineData("[CH](F)(Cl)Br", Chirality.None)]
    public void Chirality_is_recorded_on_the_atom(string smarts, Chirality expected) =>
        Assert.Equal(expected, SmartsReader.Read(smarts).Atoms[0].Chirality);
}
