using System.Text.Json;
using Sieve.Markush.Chem;
using Sieve.Markush.Matching;
using Sieve.Markush.Model;
using Sieve.Markush.Parsing;

namespace Sieve.Markush.Tests;

public class MarkushMatcherTests
{
    private static MarkushStructure Structure(string scaffold, string wherein) =>
        ClaimParser.Parse($"1. A compound of formula (I), or a pharmaceutically acceptable salt thereof, wherein {wherein}.",
            new Dictionary<string, string> { ["I"] = scaffold }).Get(1)!.Structure!;

    private static Verdict V(MarkushStructure s, string smiles) => MarkushMatcher.Match(MoleculeInput.FromSmiles(smiles), s).Verdict;

    [Fact]
    public void Every_embedding_is_tried_so_a_symmetric_scaffold_assigns_sites_either_way()
    {
        var s = Structure("[*:1]c1ccc([*:2])cc1", "R1 is methyl; R2 is chloro");
        Assert.Equal(Verdict.Covered, V(s, "Cc1ccc(Cl)cc1"));
        Assert.Equal(Verdict.Covered, V(s, "Clc1ccc(C)cc1"));
        Assert.Equal(Verdict.NotCovered, V(s, "Cc1cccc(Cl)c1"));
    }

    [Fact]
    public void Implicit_hydrogen_on_the_drawn_scaffold_means_hydrogen()
    {
        var s = Structure("[*:1]c1ccccc1", "R1 is methyl");
        Assert.Equal(Verdict.Covered, V(s, "Cc1ccccc1"));
        var r = MarkushMatcher.Match(MoleculeInput.FromSmiles("Cc1ccccc1F"), s);
        Assert.Equal(Verdict.NotCovered, r.Verdict);
        Assert.Contains(r.Evidence!.Problems, p => p.Contains("*F", StringComparison.Ordinal));
    }

    [Fact]
    public void A_ring_atom_variable_takes_each_listed_atom()
    {
        var s = Structure("[*:1]c1cc*cc1 |$;;;;X;;$|", "R1 is chloro; X is N or CH");
        Assert.Equal(Verdict.Covered, V(s, "Clc1ccncc1"));
        Assert.Equal(Verdict.Covered, V(s, "Clc1ccccc1"));
        Assert.Equal(Verdict.NotCovered, V(s, "Clc1ccc(C)cc1"));
        var r = MarkushMatcher.Match(MoleculeInput.FromSmiles("Clc1ccncc1"), s);
        Assert.Contains("X = N", r.Evidence!.Choices);
    }

    [Fact]
    public void A_repeat_count_links_the_scaffold_through_n_methylenes()
    {
        var s = Structure("OC(=O)*c1ccccc1 |$;;;(CH2)n;;;;;;$|", "n is 0, 1 or 2");
        Assert.Equal(Verdict.Covered, V(s, "OC(=O)c1ccccc1"));
        Assert.Equal(Verdict.Covered, V(s, "OC(=O)CCc1ccccc1"));
        Assert.Equal(Verdict.NotCovered, V(s, "OC(=O)CCCc1ccccc1"));
    }

    [Fact]
    public void Two_sites_on_one_nitrogen_may_close_a_ring_only_as_the_claim_allows()
    {
        var s = Structure("O=C(c1ccccc1)N([*:1])[*:2]",
            "R1 and R2 are each independently C1-4 alkyl, or R1 and R2 together with the nitrogen atom to which they are attached form a 5- or 6-membered ring optionally containing one additional heteroatom selected from O");
        Assert.Equal(Verdict.Covered, V(s, "O=C(c1ccccc1)N(C)CC"));
        Assert.Equal(Verdict.Covered, V(s, "O=C(c1ccccc1)N1CCOCC1"));
        Assert.Equal(Verdict.Covered, V(s, "O=C(c1ccccc1)N1CCCC1"));
        Assert.Equal(Verdict.NotCovered, V(s, "O=C(c1ccccc1)N1CCNCC1"));
        Assert.Equal(Verdict.NotCovered, V(s, "O=C(c1ccccc1)N1CCCCCC1"));
    }

    [Fact]
    public void A_substituent_drawn_to_a_ring_may_sit_on_any_listed_atom_up_to_its_count()
    {
        var s = Structure("*c1ccc(C(=O)O)cc1 |$(R1)p;;;;;;;;;$,m:0:1.2.3.7.8|", "each R1 is independently halogen; p is 1 or 2");
        Assert.Equal(Verdict.Covered, V(s, "OC(=O)c1ccc(Cl)cc1"));
        Assert.Equal(Verdict.Covered, V(s, "OC(=O)c1cccc(Cl)c1"));
        Assert.Equal(Verdict.Covered, V(s, "OC(=O)c1ccc(Cl)c(F)c1"));
        Assert.Equal(Verdict.NotCovered, V(s, "OC(=O)c1cc(F)c(Cl)c(F)c1"));
        Assert.Equal(Verdict.NotCovered, V(s, "OC(=O)c1ccc(C)cc1"));
    }

    [Fact]
    public void A_proviso_excludes_what_it_names()
    {
        var s = Structure("[*:1]OC(=O)c1ccc(C(=O)O[*:2])cc1", "R1 and R2 are each independently methyl or ethyl, provided that R1 and R2 are not both methyl");
        Assert.Equal(Verdict.Covered, V(s, "CCOC(=O)c1ccc(C(=O)OC)cc1"));
        var r = MarkushMatcher.Match(MoleculeInput.FromSmiles("COC(=O)c1ccc(C(=O)OC)cc1"), s);
        Assert.Equal(Verdict.NotCovered, r.Verdict);
        Assert.Contains(r.Evidence!.Problems, p => p.Contains("proviso", StringComparison.Ordinal));
    }

    [Fact]
    public void Salts_are_stripped_and_reported_and_a_claim_without_salt_language_leaves_a_salt_undetermined()
    {
        var withSalts = Structure("[*:1]c1ccccc1", "R1 is carboxy");
        var r = MarkushMatcher.Match(MoleculeInput.FromSmiles("[O-]C(=O)c1ccccc1.[Na+]"), withSalts);
        Assert.Equal(Verdict.Covered, r.Verdict);
        Assert.Equal(["[Na+]"], r.Stripped);
        Assert.Single(r.Neutralized);
        var noSalts = ClaimParser.Parse("1. A compound of formula (I) wherein R1 is carboxy.", new Dictionary<string, string> { ["I"] = "[*:1]c1ccccc1" }).Get(1)!.Structure!;
        Assert.Equal(Verdict.Undetermined, MarkushMatcher.Match(MoleculeInput.FromSmiles("[O-]C(=O)c1ccccc1.[Na+]"), noSalts).Verdict);
        Assert.Equal(Verdict.Covered, MarkushMatcher.Match(MoleculeInput.FromSmiles("OC(=O)c1ccccc1"), noSalts).Verdict);
    }

    [Fact]
    public void An_unreadable_clause_turns_covered_into_undetermined_and_says_why()
    {
        var s = Structure("[*:1]c1ccccc1", "R1 is methyl; the compound is crystalline");
        var r = MarkushMatcher.Match(MoleculeInput.FromSmiles("Cc1ccccc1"), s);
        Assert.Equal(Verdict.Undetermined, r.Verdict);
        Assert.Contains(r.Notes, n => n.Contains("crystalline", StringComparison.Ordinal));
        Assert.Equal(Verdict.NotCovered, V(s, "CCc1ccccc1"));
    }

    [Fact]
    public void An_unreadable_formula_gives_undetermined_with_the_reason()
    {
        var s = Structure("c1ccccc1(((", "R1 is methyl");
        var r = MarkushMatcher.Match(MoleculeInput.FromSmiles("Cc1ccccc1"), s);
        Assert.Equal(Verdict.Undetermined, r.Verdict);
        Assert.Contains(r.Notes, n => n.Contains("could not be read", StringComparison.Ordinal));
    }

    [Fact]
    public void A_site_without_definition_is_undetermined()
    {
        var s = Structure("[*:1]c1ccc([*:2])cc1", "R1 is methyl");
        Assert.Equal(Verdict.Undetermined, V(s, "Cc1ccc(Cl)cc1"));
    }

    [Fact]
    public void Results_serialise_and_read_back_with_System_Text_Json()
    {
        var s = Structure("[*:1]c1ccccc1", "R1 is C1-4 alkyl");
        var r = MarkushMatcher.Match(MoleculeInput.FromSmiles("CCc1ccccc1"), s);
        var json = JsonSerializer.Serialize(r);
        var back = JsonSerializer.Deserialize<MatchResult>(json)!;
        Assert.Equal(r.Verdict, back.Verdict);
        Assert.Equal("*CC", back.Evidence!.Sites.Single().Substituent);
        Assert.Equal(r.Evidence!.ScaffoldToMolecule, back.Evidence.ScaffoldToMolecule);
        var sjson = JsonSerializer.Serialize(s);
        var sback = JsonSerializer.Deserialize<MarkushStructure>(sjson)!;
        Assert.IsType<GenericGroup>(sback.Definitions["R1"].Alternatives.Single());
    }
}
