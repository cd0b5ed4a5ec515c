using Sieve.Markush.Model;
using Sieve.Markush.Parsing;

namespace Sieve.Markush.Tests;

public class ClaimParserTests
{
    private const string Claims = """
        1. A compound of formula (I), or a pharmaceutically acceptable salt thereof, wherein R1 is selected from the group consisting of hydrogen, C1-6 alkyl and halogen; X is N or CH; R2 and R3 are each independently hydrogen or methyl; n is an integer from 0 to 3; and R4 is a group that improves solubility.

        2. The compound of claim 1, wherein R1 is methyl.

        3. The compound according to claim 2, wherein X is N and n is 1.

        4. A pharmaceutical composition comprising a compound of claim 1 and a carrier.

        5. The compound of claim 1 which is selected from the group consisting of: 4-methylpyridine and 3-chloropyridine.
        """;

    [Fact]
    public void Independent_claim_reads_into_definitions_counts_salts_and_keeps_unreadable_text()
    {
        var set = ClaimParser.Parse(Claims, new Dictionary<string, string> { ["I"] = "[*:1]c1cc*cc1" });
        var c1 = set.Get(1)!;
        Assert.Equal(ClaimKind.Compound, c1.Kind);
        Assert.True(c1.IsIndependent);
        var s = c1.Structure!;
        Assert.Equal("I", s.FormulaName);
        Assert.Equal("[*:1]c1cc*cc1", s.ScaffoldSmiles);
        Assert.True(s.IncludesSalts);
        var r1 = s.Definitions["R1"].Alternatives;
        Assert.IsType<HydrogenGroup>(r1[0]);
        var alkyl = Assert.IsType<GenericGroup>(r1[1]);
        Assert.Equal((GenericKind.Alkyl, 1, 6), (alkyl.Group, alkyl.MinCarbons!.Value, alkyl.MaxCarbons!.Value));
        Assert.Equal(GenericKind.Halogen, Assert.IsType<GenericGroup>(r1[2]).Group);
        var x = s.Definitions["X"].Alternatives.Cast<RingAtomGroup>().ToList();
        Assert.Equal([(7, 0), (6, 1)], x.Select(a => (a.Element, a.Hydrogens)));
        Assert.Equal(2, s.Definitions["R2"].Alternatives.Count);
        Assert.Equal(s.Definitions["R2"].Alternatives, s.Definitions["R3"].Alternatives);
        Assert.Equal((0, 3), (s.Counts["n"].Min, s.Counts["n"].Max));
        var r4 = Assert.Single(s.Definitions["R4"].Alternatives);
        Assert.IsType<UnparsedGroup>(r4);
        Assert.True(s.Definitions["R4"].HasUnparsed);
    }

    [Fact]
    public void Dependent_claims_inherit_and_narrow_their_parent()
    {
        var set = ClaimParser.Parse(Claims);
        var c3 = set.Get(3)!;
        Assert.Equal([2], c3.DependsOn);
        var s = c3.Structure!;
        Assert.Equal("methyl", Assert.IsType<FragmentGroup>(Assert.Single(s.Definitions["R1"].Alternatives)).Name);
        Assert.Equal(7, Assert.IsType<RingAtomGroup>(Assert.Single(s.Definitions["X"].Alternatives)).Element);
        Assert.Equal((1, 1), (s.Counts["n"].Min, s.Counts["n"].Max));
        Assert.Equal(2, s.Definitions["R2"].Alternatives.Count);
        Assert.True(s.IncludesSalts);
    }

    [Fact]
    public void Compositions_are_other_claims_and_named_compound_lists_are_species()
    {
        var set = ClaimParser.Parse(Claims);
        Assert.Equal(ClaimKind.Other, set.Get(4)!.Kind);
        Assert.Equal(ClaimKind.Species, set.Get(5)!.Kind);
    }

    [Fact]
    public void Joint_ring_clause_reads_sizes_extra_heteroatoms_and_substituents()
    {
        var s = ClaimParser.Parse("1. A compound of formula (I) wherein R1 and R2 are each independently C1-4 alkyl, or R1 and R2 together with the nitrogen atom to which they are attached form a 5- to 7-membered ring optionally containing one additional heteroatom selected from O and S, optionally substituted with C1-4 alkyl.").Get(1)!.Structure!;
        var j = Assert.Single(s.JointRings);
        Assert.Equal(["R1", "R2"], j.Labels);
        Assert.Equal([5, 6, 7], j.RingSizes);
        Assert.Equal(1, j.MaxExtraHeteroatoms);
        Assert.Equal([8, 16], j.ExtraHeteroElements);
        Assert.NotNull(j.Substitution);
        Assert.IsType<GenericGroup>(Assert.Single(s.Definitions["R1"].Alternatives));
        Assert.Empty(s.Unparsed);
    }

    [Fact]
    public void Provisos_are_read_or_kept_as_unparsed()
    {
        var s = ClaimParser.Parse("1. A compound of formula (I) wherein R1 is methyl or ethyl and R2 is hydrogen or methyl, provided that R1 and R2 are not both methyl; and provided that when R1 is ethyl, R2 is not hydrogen; and provided that the compound is not aspirin.").Get(1)!.Structure!;
        Assert.Equal(2, s.Provisos.Count);
        Assert.Equal(["R1", "R2"], s.Provisos[0].ExcludedWhen.Keys.Order());
        Assert.Single(s.UnparsedProvisos);
        Assert.Contains("aspirin", s.UnparsedProvisos[0]);
    }

    [Fact]
    public void Nested_substituent_lists_end_where_the_claim_returns_to_the_outer_list()
    {
        var s = ClaimParser.Parse("1. A compound of formula (I) wherein R1 is C1-4 alkyl optionally substituted with halogen, C3-6 cycloalkyl, or phenyl optionally substituted with one or more groups selected from halogen and cyano.").Get(1)!.Structure!;
        var alts = s.Definitions["R1"].Alternatives;
        Assert.Equal(3, alts.Count);
        var alkyl = Assert.IsType<GenericGroup>(alts[0]);
        Assert.Single(alkyl.Substitution!.Allowed);
        Assert.Equal(0, alkyl.Substitution.MinCount);
        Assert.Equal(GenericKind.Cycloalkyl, Assert.IsType<GenericGroup>(alts[1]).Group);
        Assert.Equal(2, Assert.IsType<FragmentGroup>(alts[2]).Substitution!.Allowed.Count);
    }

    [Fact]
    public void Text_that_is_not_a_definition_is_reported_never_dropped()
    {
        var s = ClaimParser.Parse("1. A compound of formula (I) wherein R1 is methyl; the compound has a molecular weight below 500.").Get(1)!.Structure!;
        Assert.Contains(s.Unparsed, u => u.Contains("molecular weight", StringComparison.Ordinal));
    }

    [Fact]
    public void Pathological_repetitions_parse_quickly()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var salts = string.Concat(Enumerable.Repeat("salt, solvate or hydrate ", 40));
        var groups = string.Concat(Enumerable.Repeat("C1-6 alkyl optionally substituted with ", 40));
        var labels = string.Concat(Enumerable.Repeat("R1 and R2 and ", 40));
        ClaimParser.Parse($"1. A compound of formula (I) or a {salts} wherein R1 is {groups} halogen; {labels} R3 is methyl, provided that {labels}x.");
        Assert.True(sw.ElapsedMilliseconds < 5000, $"{sw.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Arbitrary_unicode_never_throws()
    {
        var rng = new Random(11);
        for (var i = 0; i < 300; i++)
        {
            var chars = new char[rng.Next(0, 300)];
            for (var k = 0; k < chars.Length; k++) chars[k] = (char)rng.Next(1, 0x3000);
            _ = ClaimParser.Parse("1. " + new string(chars));
            _ = ClaimParser.Parse(new string(chars));
        }
    }

    [Fact]
    public void Random_text_never_throws()
    {
        var rng = new Random(7);
        const string alphabet = "R1234 ,;.()-wherein is selected from the group consisting of alkyl C1-6 claim formula (I) and or";
        for (var i = 0; i < 500; i++)
        {
            var chars = new char[rng.Next(0, 200)];
            for (var k = 0; k < chars.Length; k++) chars[k] = alphabet[rng.Next(alphabet.Length)];
            _ = ClaimParser.Parse("1. A compound of formula (I) wherein " + new string(chars) + "\n2. The compound of claim 1 wherein " + new string(chars));
        }
    }
}
