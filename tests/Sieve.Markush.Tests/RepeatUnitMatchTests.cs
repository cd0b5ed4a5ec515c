using Sieve.Markush.Chem;
using Sieve.Markush.Matching;
using Sieve.Markush.Model;
using Sieve.Markush.Parsing;

namespace Sieve.Markush.Tests;

/// <summary>Formulas drawn with a bracketed repeat unit (CXSMILES <c>Sg:n</c>, as the OCSR reader writes them):
/// the unit is written out for each count the claims allow and the molecule must fit one of them.</summary>
public class RepeatUnitMatchTests
{
    private static MarkushStructure Structure(string scaffold, string wherein) =>
        ClaimParser.Parse($"1. A compound of formula (I), or a pharmaceutically acceptable salt thereof, wherein {wherein}.",
            new Dictionary<string, string> { ["I"] = scaffold }).Get(1)!.Structure!;

    private static MatchResult M(MarkushStructure s, string smiles) => MarkushMatcher.Match(MoleculeInput.FromSmiles(smiles), s);

    // Phenyl-[CH2]n-COOH, the CH2 (atom 3) in brackets; written by the OCSR reader with an empty connection field.
    private const string PhenylAlkanoicAcid = "OC(=O)Cc1ccccc1 |Sg:n:3:n::::|";

    [Theory]
    [InlineData("OC(=O)Cc1ccccc1", 1)]
    [InlineData("OC(=O)CCc1ccccc1", 2)]
    [InlineData("OC(=O)CCCc1ccccc1", 3)]
    public void A_one_atom_unit_covers_each_count_the_claim_allows_and_says_which(string smiles, int n)
    {
        var r = M(Structure(PhenylAlkanoicAcid, "n is 1, 2 or 3"), smiles);
        Assert.Equal(Verdict.Covered, r.Verdict);
        Assert.Equal([$"n = {n}"], r.Evidence!.RepeatCounts);
        Assert.Contains($"n = {n}", r.Evidence.Choices);
        Assert.Contains($"with n = {n}", r.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OC(=O)CCCCc1ccccc1")]   // n = 4
    [InlineData("OC(=O)c1ccccc1")]       // n = 0, not allowed here
    [InlineData("OC(=O)CC(C)c1ccccc1")]  // a branch on the chain: a CH2 of the unit carries methyl
    public void Counts_outside_the_range_and_changed_units_are_not_covered(string smiles)
    {
        Assert.Equal(Verdict.NotCovered, M(Structure(PhenylAlkanoicAcid, "n is 1, 2 or 3"), smiles).Verdict);
    }

    [Fact]
    public void Zero_copies_bond_the_two_outside_neighbours_directly()
    {
        var s = Structure(PhenylAlkanoicAcid, "n is an integer from 0 to 2");
        var r = M(s, "OC(=O)c1ccccc1");
        Assert.Equal(Verdict.Covered, r.Verdict);
        Assert.Equal(["n = 0"], r.Evidence!.RepeatCounts);
        Assert.Equal(Verdict.NotCovered, M(s, "OC(=O)CCCc1ccccc1").Verdict);
    }

    [Fact]
    public void A_listed_count_allows_only_the_listed_values()
    {
        var s = Structure(PhenylAlkanoicAcid, "n is 1 or 3");
        Assert.False(s.Counts["n"].IsContiguous);
        Assert.Equal([1, 3], s.Counts["n"].Allowed());
        Assert.Equal(Verdict.Covered, M(s, "OC(=O)Cc1ccccc1").Verdict);
        var miss = M(s, "OC(=O)CCc1ccccc1");
        Assert.Equal(Verdict.NotCovered, miss.Verdict);
        Assert.Equal("Not covered: the scaffold of formula (I) with n = 1, 3 does not occur in the molecule.", miss.Summary);
        Assert.Equal(Verdict.Covered, M(s, "OC(=O)CCCc1ccccc1").Verdict);
    }

    [Theory]
    [InlineData("wherein n is 1-6", 1, 6)]
    [InlineData("n is an integer from 0 to 4", 0, 4)]
    [InlineData("n is an integer between 2 and 5", 2, 5)]
    [InlineData("n is 1 to 3 inclusive", 1, 3)]
    public void The_claim_text_defines_the_range_of_the_subscript(string wherein, int min, int max)
    {
        var s = Structure(PhenylAlkanoicAcid, wherein.Replace("wherein ", "", StringComparison.Ordinal));
        Assert.Equal((min, max), (s.Counts["n"].Min, s.Counts["n"].Max));
        Assert.Empty(s.Unparsed);
        foreach (var n in new[] { min - 1, min, max, max + 1 }.Where(n => n >= 0))
        {
            var r = M(s, "OC(=O)" + new string('C', n) + "c1ccccc1");
            Assert.Equal(n >= min && n <= max ? Verdict.Covered : Verdict.NotCovered, r.Verdict);
        }
    }

    // MeO-[CH2CH2O]n-Ph drawn as R1-[O-CH2-CH2]n-O-Ph: the unit is O1, C2, C3.
    private const string GlycolEther = "[*:1]OCCOc1ccccc1 |Sg:n:1,2,3:n:ht:::|";

    [Theory]
    [InlineData("COCCOc1ccccc1", Verdict.Covered)]
    [InlineData("COCCOCCOc1ccccc1", Verdict.Covered)]
    [InlineData("COCCOCCOCCOCCOc1ccccc1", Verdict.Covered)]
    [InlineData("COCCOCCOCCOCCOCCOc1ccccc1", Verdict.NotCovered)]   // n = 5
    [InlineData("COc1ccccc1", Verdict.NotCovered)]                  // n = 0
    [InlineData("COCCCOc1ccccc1", Verdict.NotCovered)]              // a propylene unit is not the drawn one
    [InlineData("CCOCCOCCOc1ccccc1", Verdict.NotCovered)]           // R1 = ethyl
    public void A_multi_atom_unit_is_chained_head_to_tail(string smiles, Verdict expected)
    {
        var r = M(Structure(GlycolEther, "R1 is methyl; n is an integer from 1 to 4"), smiles);
        Assert.Equal(expected, r.Verdict);
        if (expected == Verdict.Covered)
            Assert.Equal([$"n = {smiles.Split("CCO").Length - 1}"], r.Evidence!.RepeatCounts);
    }

    [Fact]
    public void A_site_inside_the_unit_is_judged_on_every_copy()
    {
        // HOOC-[CH(R2)]n-Ph: each copy carries its own R2.
        var s = Structure("OC(=O)C([*:2])c1ccccc1 |Sg:n:3,4:n:ht:::|", "R2 is hydrogen or methyl; n is 1 or 2");
        Assert.Equal(Verdict.Covered, M(s, "OC(=O)C(C)C(C)c1ccccc1").Verdict);
        Assert.Equal(Verdict.Covered, M(s, "OC(=O)CC(C)c1ccccc1").Verdict);
        Assert.Equal(Verdict.Covered, M(s, "OC(=O)Cc1ccccc1").Verdict);
        var r = M(s, "OC(=O)C(CC)Cc1ccccc1");
        Assert.Equal(Verdict.NotCovered, r.Verdict);
        Assert.Contains(r.Evidence!.Sites, x => x.Label == "R2" && x.Status == Fit.No);
    }

    [Fact]
    public void A_subscript_the_claims_leave_undefined_is_tried_over_a_bounded_range_and_never_covers()
    {
        var s = Structure(PhenylAlkanoicAcid, "R9 is methyl");
        var fits = M(s, "OC(=O)CCc1ccccc1");
        Assert.Equal(Verdict.Undetermined, fits.Verdict);
        Assert.StartsWith("n = 2 (n not defined in the claims", Assert.Single(fits.Evidence!.RepeatCounts), StringComparison.Ordinal);
        Assert.Contains(fits.Notes, n => n.Contains("not defined in the claims", StringComparison.Ordinal));
        // Beyond the assumed bound nothing is concluded either.
        Assert.Equal(Verdict.Undetermined, M(s, "OC(=O)" + new string('C', RepeatCounts.DefaultMax + 1) + "c1ccccc1").Verdict);
    }

    [Fact]
    public void A_unit_that_is_not_a_chain_link_leaves_the_verdict_undetermined_with_the_reason()
    {
        // Brackets around a branch point (three bonds cross them): no head-to-tail chain to write out.
        var s = Structure("OC(=O)C(C)c1ccccc1 |Sg:n:3:n::::|", "n is 1 or 2");
        var r = M(s, "OC(=O)C(C)c1ccccc1");
        Assert.Equal(Verdict.Undetermined, r.Verdict);
        Assert.Contains(r.Notes, n => n.Contains("3 bond(s) cross its brackets", StringComparison.Ordinal));
    }

    [Fact]
    public void A_count_that_stands_for_no_molecule_is_skipped_without_doubt()
    {
        // A cyclopropane CH2 in brackets: n = 0 would bond the other two ring atoms twice, so only n = 1 (the
        // cyclopropane) and n = 2 (a cyclobutane) are molecules, and a cyclopentane is simply outside.
        var s = Structure("OC(=O)C1CC1Cl |Sg:n:4:n::::|", "n is 0, 1 or 2");
        Assert.Equal(Verdict.Covered, M(s, "OC(=O)C1CC1Cl").Verdict);
        Assert.Equal(Verdict.Covered, M(s, "OC(=O)C1CCC1Cl").Verdict);
        var miss = M(s, "OC(=O)C1CCCC1Cl");
        Assert.Equal(Verdict.NotCovered, miss.Verdict);
        Assert.Contains(miss.Notes, n => n.Contains("bonded twice", StringComparison.Ordinal));
    }

    [Fact]
    public void A_substituent_drawn_into_a_ring_keeps_its_positions_whatever_the_count()
    {
        // R1 drawn into the ring (m:) of Ph-[CH2]n-COOH; n = 0 removes the CH2 and renumbers the atoms after it.
        var s = Structure("*c1ccc(CC(=O)O)cc1 |$R1;;;;;;;;;;$,m:0:1.2.3.9.10,Sg:n:5:n::::|", "R1 is halogen; n is 0 or 1");
        Assert.Equal(Verdict.Covered, M(s, "OC(=O)c1ccc(Cl)cc1").Verdict);
        Assert.Equal(Verdict.Covered, M(s, "OC(=O)c1cccc(F)c1").Verdict);
        Assert.Equal(Verdict.Covered, M(s, "OC(=O)Cc1cccc(Cl)c1").Verdict);
        Assert.Equal(Verdict.NotCovered, M(s, "OC(=O)CCc1ccc(Cl)cc1").Verdict);
        Assert.Equal(Verdict.NotCovered, M(s, "OC(=O)c1ccc(C)cc1").Verdict);
    }

    [Fact]
    public void A_number_drawn_as_the_subscript_is_the_count()
    {
        var s = Structure("OC(=O)Cc1ccccc1 |Sg:n:3:3::::|", "R9 is methyl");
        var r = M(s, "OC(=O)CCCc1ccccc1");
        Assert.Equal(Verdict.Covered, r.Verdict);
        Assert.Equal(["repeat unit ×3 (as drawn)"], r.Evidence!.RepeatCounts);
        Assert.Equal(Verdict.NotCovered, M(s, "OC(=O)CCc1ccccc1").Verdict);
    }

    [Fact]
    public void The_drawn_atom_map_names_the_first_copy_and_problems_name_later_copies()
    {
        var s = Structure(PhenylAlkanoicAcid, "n is 2");
        var r = M(s, "OC(=O)CC(F)c1ccccc1");
        Assert.Equal(Verdict.NotCovered, r.Verdict);
        // Scaffold atom 3 (the drawn CH2) maps to one molecule atom only; the fluorine sits on a copy of it.
        Assert.True(r.Evidence!.ScaffoldToMolecule.ContainsKey(3));
        Assert.Contains(r.Evidence.Problems, p => p.Contains("#3", StringComparison.Ordinal));
    }

    [Fact]
    public void A_formula_whose_only_variable_is_the_repeat_count_summarises_by_the_count()
    {
        // HO3S-(CH2)4-[CH2CH2]n-Ph, as the OCSR reader writes the drawing (unit atoms 8 and 9).
        var s = Structure("O=S(=O)(O)CCCCCCc1ccccc1 |Sg:n:8,9:n::::|", "n is 1 or 2");
        var r = M(s, "O=S(=O)(O)CCCCCCCCc1ccccc1");
        Assert.Equal(Verdict.Covered, r.Verdict);
        Assert.Equal("Covered by formula (I) with n = 2, best of 1 embedding(s).", r.Summary);
        // The drawn unit maps onto one CH2CH2 of the chain, the second copy onto another; together with the rest
        // of the scaffold they cover every atom of the molecule.
        Assert.Equal(2, r.Evidence!.RepeatCopyAtoms.Count);
        Assert.Empty(r.Evidence.ScaffoldToMolecule.Values.Intersect(r.Evidence.RepeatCopyAtoms));
        Assert.Equal(18, r.Evidence.ScaffoldToMolecule.Count + r.Evidence.RepeatCopyAtoms.Count);
        Assert.Equal(Verdict.NotCovered, M(s, "O=S(=O)(O)CCCCCCCc1ccccc1").Verdict);
    }
}
