using Sieve.Chemistry.Smiles;

namespace Sieve.Chemistry.Tests.Smiles;

public class CxsmilesTests
{
    [Fact]
    public void Atom_labels_are_kept_as_text_and_escapes_decoded()
    {
        var m = SmilesReader.Read("*C1CCCCC1* |$_R1;;;;;;;R2$|");
        Assert.Equal("_R1", m.Atoms[0].Label);
        Assert.Null(m.Atoms[1].Label);
        Assert.Equal("R2", m.Atoms[7].Label);
        Assert.Equal("R;1", SmilesReader.Read("CC |$R&#59;1;$|").Atoms[0].Label);
        Assert.Equal("_AP1", SmilesReader.Read("C |$_AP1$|").Atoms[0].Label);
    }

    [Fact]
    public void Atom_maps_come_from_the_bracket_atom_class()
    {
        var m = SmilesReader.Read("[*:1]c1ccccc1[*:2] |$R1;;;;;;;R2$|");
        Assert.Equal((1, "R1"), (m.Atoms[0].AtomMap, m.Atoms[0].Label));
        Assert.Equal(2, m.Atoms[7].AtomMap);
    }

    [Fact]
    public void Position_variation_groups_are_read()
    {
        var m = SmilesReader.Read("*c1ccccc1.*C |m:0:3.4.5,7:2.3|");
        Assert.Equal(2, m.PositionVariations.Count);
        Assert.Equal(0, m.PositionVariations[0].Atom);
        Assert.Equal([3, 4, 5], m.PositionVariations[0].Candidates);
        Assert.Equal(7, m.PositionVariations[1].Atom);
        Assert.Equal([2, 3], m.PositionVariations[1].Candidates);
    }

    [Fact]
    public void Repeat_units_are_read_and_written_in_canonical_atom_order()
    {
        var m = SmilesReader.Read("COCCCC |Sg:n:3,4:n:ht:::|");
        var ru = Assert.Single(m.RepeatUnits);
        Assert.Equal([3, 4], ru.Atoms);
        Assert.Equal(("n", "ht"), (ru.Subscript, ru.Connection));
        // RDKit 2022.09 writes this molecule CCCCOC |Sg:n:2,1:n:ht:::| (its group's own atom order); ours sorts them.
        Assert.Equal("CCCCOC |Sg:n:1,2:n:ht:::|", Sieve.Chemistry.Canonical.CanonicalSmiles.OfWithExtensions(m));
        Assert.Equal("CCCCOC |Sg:n:1,2:n:ht:::|",
            Sieve.Chemistry.Canonical.CanonicalSmiles.OfWithExtensions(SmilesReader.Read("CCCCOC |Sg:n:2,1:n:ht:::|")));
        Assert.Equal("CCCCOC", Sieve.Chemistry.Canonical.CanonicalSmiles.Of(m));
    }

    [Fact]
    public void Other_fields_are_skipped_and_the_name_follows()
    {
        var m = SmilesReader.Read("C[C@H](O)CC |(0,0,0;1.5,-0.2,;2,3,4e-1;;),wU:1.2,&1:1,atomProp:0.foo.bar baz,$;;;;$| my name");
        Assert.Equal(5, m.AtomCount);
        Assert.Equal("my name", m.Name);
        Assert.Equal(2, SmilesReader.Read("CC ||").AtomCount);
    }

    [Theory]
    [InlineData("CC |foo|", 4)]            // unknown field
    [InlineData("CC |$a;b$,junk|", 10)]    // junk after a field
    [InlineData("CC |$a;b", 4)]            // unclosed labels
    [InlineData("CC |m:0:5|", 8)]          // index out of range
    [InlineData("CC |m:0|", 7)]            // missing candidates
    [InlineData("CC |Sg:n:2:n:::|", 9)]    // repeat unit atom out of range
    [InlineData("CC |(0,0,x)|", 9)]        // bad coordinate
    [InlineData("CC |", 4)]                // unclosed block
    [InlineData("CC |$a;b;c$|", 9)]        // more labels than atoms
    public void Malformed_blocks_are_rejected_with_a_position(string smiles, int position)
    {
        var e = Assert.Throws<SmilesParseException>(() => SmilesReader.ParseRaw(smiles));
        Assert.Equal(position, e.Position);
    }
}
