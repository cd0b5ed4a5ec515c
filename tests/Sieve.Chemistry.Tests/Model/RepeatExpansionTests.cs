using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Smiles;

namespace Sieve.Chemistry.Tests.Model;

/// <summary>Repeat units written out k times, against RDKit's canonical SMILES of the same expansion done on
/// RDKit's own reading of the group (Data/repeat_expansion.tsv, made by scripts/chemistry/make_repeat_golden.py).</summary>
public class RepeatExpansionTests
{
    public static TheoryData<string, int, string> Golden()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "repeat_expansion.tsv")).Skip(1))
        {
            var f = line.Split('\t');
            data.Add(f[0], int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), f[2]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Golden))]
    public void A_unit_repeated_k_times_is_the_molecule_RDKit_writes(string cxsmiles, int k, string canonical)
    {
        var expanded = RepeatExpansion.Expand(SmilesReader.Read(cxsmiles), [k], out _, out var why);
        Assert.True(expanded is not null, why);
        Assert.Empty(expanded.RepeatUnits);
        Assert.Equal(canonical, CanonicalSmiles.Of(expanded));
    }

    [Fact]
    public void Origins_name_the_drawn_atom_and_its_copy()
    {
        // O=C(O)[CH2]nC(=O)O with n = 3: the drawn CH2 is atom 3; copies 2 and 3 are appended.
        var m = SmilesReader.Read("OC(=O)CC(=O)O |Sg:n:3:n:ht:::|");
        var expanded = RepeatExpansion.Expand(m, [3], out var origin, out _)!;
        Assert.Equal(m.AtomCount + 2, expanded.AtomCount);
        Assert.Equal((3, 1), origin[3]);
        Assert.Equal([(3, 2), (3, 3)], origin[^2..]);
        Assert.All(origin[..^2].Select((o, i) => o), o => Assert.Equal(1, o.Copy));
        // The drawn molecule keeps its hydrogens: every copy is a CH2.
        Assert.All(expanded.Atoms.Where((a, i) => origin[i].Atom == 3), a => Assert.Equal(2, a.TotalHydrogens));
    }

    [Fact]
    public void Two_units_expand_independently()
    {
        var m = SmilesReader.Read("NCCOCCO |Sg:n:1:n:ht:::,Sg:n:4:m:ht:::|");
        Assert.Equal(2, m.RepeatUnits.Count);
        var expanded = RepeatExpansion.Expand(m, [3, 0], out _, out var why);
        Assert.True(expanded is not null, why);
        Assert.Equal(CanonicalSmiles.Of(SmilesReader.Read("NCCCCOCO")), CanonicalSmiles.Of(expanded));
    }

    [Theory]
    [InlineData("CC(C)C |Sg:n:1:n:ht:::|", "3 bond(s) cross its brackets")]            // a branch point is not a chain unit
    [InlineData("C1CCCC1 |Sg:n:0,1,2,3,4:n:ht:::|", "0 bond(s) cross its brackets")]     // a whole ring
    [InlineData("OCCO |Sg:n:1,2:n:hh:::|", "only head-to-tail")]
    public void A_unit_that_is_not_a_head_to_tail_chain_link_is_refused_with_a_reason(string cxsmiles, string reason)
    {
        Assert.Null(RepeatExpansion.Expand(SmilesReader.Read(cxsmiles), [2], out _, out var why));
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void No_copies_may_not_bond_a_ring_neighbour_twice()
    {
        // Cyclopropane's CH2 as the unit: with k = 0 its two neighbours are already bonded.
        var m = SmilesReader.Read("C1CC1 |Sg:n:2:n:ht:::|");
        Assert.Null(RepeatExpansion.Expand(m, [0], out _, out var why));
        Assert.Contains("bonded twice", why, StringComparison.Ordinal);
        Assert.Equal("C1CCC1", CanonicalSmiles.Of(RepeatExpansion.Expand(m, [2], out _, out _)!));
    }
}
