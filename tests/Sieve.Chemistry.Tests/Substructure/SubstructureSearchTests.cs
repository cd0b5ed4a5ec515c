using Sieve.Chemistry.Smarts;
using Sieve.Chemistry.Smiles;
using Sieve.Chemistry.Substructure;

namespace Sieve.Chemistry.Tests.Substructure;

public class SubstructureSearchTests
{
    private static readonly SubstructureOptions All = new() { MaxMatches = 100000 };
    private static readonly SubstructureOptions Chiral = new() { MaxMatches = 100000, UseChirality = true };

    [Theory]
    // RDKit: len(mol.GetSubstructMatches(Chem.MolFromSmiles(query), maxMatches=100000, useChirality=True))
    [InlineData("Cc1ccccc1", "c1ccccc1", 1)]
    [InlineData("c1ccc2ccccc2c1", "c1ccccc1", 2)]
    [InlineData("CC(=O)Oc1ccccc1C(=O)O", "C=O", 2)]
    [InlineData("C[N+](C)(C)C", "[N+]", 0)]
    [InlineData("C[N+](C)(C)C", "N", 1)]
    [InlineData("CN", "[N+]", 0)]
    [InlineData("[13CH3]CC", "[13CH4]", 1)]
    [InlineData("[13CH3]CC", "C", 3)]
    [InlineData("CCC", "[13CH4]", 0)]
    [InlineData("c1ccncc1", "n1ccccc1", 1)]
    [InlineData("C1CCCCC1", "C1CCCCC1", 1)]
    [InlineData("C1CCCCC1", "CCCCCC", 1)]
    [InlineData("OCCO", "OCCO", 1)]
    [InlineData("C#N", "C#N", 1)]
    [InlineData("C#N", "C=N", 0)]
    [InlineData("O=C1NC=CC=C1", "O=c1cccc[nH]1", 1)]
    [InlineData("N[C@@H](C)C(=O)O", "N[C@@H](C)C(=O)O", 1)]
    [InlineData("N[C@@H](C)C(=O)O", "N[C@H](C)C(=O)O", 0)]
    [InlineData("N[C@@H](C)C(=O)O", "[C@@H](N)(C)C(=O)O", 0)]
    [InlineData("N[C@@H](C)C(=O)O", "[C@H](N)(C)C(=O)O", 1)]
    [InlineData("N[C@@H](C)C(=O)O", "C[C@H](N)C(=O)O", 1)]
    [InlineData("N[C@@H](C)C(=O)O", "C[C@@H](N)C(=O)O", 0)]
    [InlineData("C[C@H]1CCCC[C@@H]1O", "O[C@H]1CCCC[C@@H]1C", 1)]
    [InlineData("C[C@H]1CCCC[C@@H]1O", "O[C@@H]1CCCC[C@@H]1C", 0)]
    [InlineData("C[C@@H]1CC[C@H](O)CC1", "[C@H]1(C)CC[C@@H](O)CC1", 1)]
    [InlineData("F[C@](Cl)(Br)I", "I[C@@](Cl)(Br)F", 1)]
    [InlineData("F[C@](Cl)(Br)I", "I[C@](Cl)(Br)F", 0)]
    public void Molecule_as_query_counts_equal_RDKit(string smiles, string querySmiles, int rdkitCount)
    {
        var query = QueryMolecule.FromMolecule(SmilesReader.Read(querySmiles));
        Assert.Equal(rdkitCount, SubstructureSearch.FindMatches(SmilesReader.Read(smiles), query, Chiral).Count);
    }

    [Theory]
    // RDKit: len(mol.GetSubstructMatches(Chem.MolFromSmarts(query), useChirality=True))
    [InlineData("N[C@@H](C)C(=O)O", "N[C@@H](C)C(=O)O", 1)]
    [InlineData("N[C@@H](C)C(=O)O", "N[C@H](C)C(=O)O", 0)]
    [InlineData("N[C@H](C)C(=O)O", "N[C@H](C)C(=O)O", 1)]
    [InlineData("N[C@@H](C)C(=O)O", "[C@H](N)(C)C(=O)O", 0)]
    [InlineData("N[C@@H](C)C(=O)O", "[C@@H](N)(C)C(=O)O", 1)]
    [InlineData("N[C@@H](C)C(=O)O", "C[C@@H](N)C(=O)O", 0)]
    [InlineData("N[C@@H](C)C(=O)O", "C[C@H](N)C(=O)O", 1)]
    [InlineData("N[C@@H](C)C(=O)O", "NC(C)C(=O)O", 1)]
    [InlineData("NC(C)C(=O)O", "N[C@H](C)C(=O)O", 0)]
    [InlineData("F[C@](Cl)(Br)I", "F[C@](Cl)(Br)I", 1)]
    [InlineData("F[C@](Cl)(Br)I", "F[C@@](Cl)(Br)I", 0)]
    [InlineData("F[C@](Cl)(Br)I", "Cl[C@](F)(Br)I", 0)]
    [InlineData("F[C@](Cl)(Br)I", "Cl[C@@](F)(Br)I", 1)]
    [InlineData("F[C@](Cl)(Br)I", "F[C@](Cl)Br", 1)]
    [InlineData("F[C@](Cl)(Br)I", "F[C@@](Cl)Br", 0)]
    [InlineData("F[C@](Cl)(Br)I", "[C@](F)(Cl)Br", 1)]
    [InlineData("F[C@](Cl)(Br)I", "[C@@](F)(Cl)Br", 0)]
    [InlineData("F[C@](Cl)(Br)I", "F[C@](Cl)", 1)]
    [InlineData("C[C@H]1CCCC[C@@H]1O", "C[C@H]1CCCC[C@@H]1O", 1)]
    [InlineData("C[C@H]1CCCC[C@@H]1O", "C[C@H]1CCCC[C@H]1O", 0)]
    [InlineData("C[C@H]1CCCC[C@@H]1O", "O[C@H]1CCCC[C@@H]1C", 1)]
    [InlineData("C[C@H]1CCCC[C@@H]1O", "[C@@H]1(C)CCCC[C@@H]1O", 1)]
    [InlineData("C[C@@H](O)CC", "[C@H](O)(C)CC", 1)]
    [InlineData("C[C@@H](O)CC", "O[C@@H](C)CC", 0)]
    [InlineData("C[C@@H](O)CC", "O[C@H](C)CC", 1)]
    public void Chiral_SMARTS_counts_equal_RDKit(string smiles, string smarts, int rdkitCount) =>
        Assert.Equal(rdkitCount, SubstructureSearch.FindMatches(SmilesReader.Read(smiles), SmartsReader.Read(smarts), Chiral).Count);

    [Fact]
    public void Without_UseChirality_stereo_marks_are_ignored()
    {
        var target = SmilesReader.Read("N[C@@H](C)C(=O)O");
        Assert.True(SubstructureSearch.HasMatch(target, SmartsReader.Read("N[C@H](C)C(=O)O")));
        Assert.False(SubstructureSearch.HasMatch(target, SmartsReader.Read("N[C@H](C)C(=O)O"), Chiral));
    }

    [Fact]
    public void Dummy_atoms_in_a_molecule_query_match_any_atom()
    {
        var query = QueryMolecule.FromMolecule(SmilesReader.Read("*c1ccccc1"));
        Assert.Single(SubstructureSearch.FindMatches(SmilesReader.Read("Clc1ccccc1"), query));
        Assert.Equal(2, SubstructureSearch.FindMatches(SmilesReader.Read("Nc1ccc(O)cc1"), query).Count);
        Assert.Empty(SubstructureSearch.FindMatches(SmilesReader.Read("c1ccccc1"), query));
    }

    [Fact]
    public void Molecule_query_requires_aromaticity_to_agree()
    {
        var aliphatic = QueryMolecule.FromMolecule(SmilesReader.Read("CC"));
        Assert.False(SubstructureSearch.HasMatch(SmilesReader.Read("c1ccccc1"), aliphatic));
        Assert.True(SubstructureSearch.HasMatch(SmilesReader.Read("Cc1ccccc1C"), QueryMolecule.FromMolecule(SmilesReader.Read("C"))));
        // RDKit would count 2 here (its molecule queries ignore atom aromaticity, so C also matches the ring c
        // bonded to the acid); the scaffold semantics agreed for Sieve count only the acetyl group.
        Assert.Single(SubstructureSearch.FindMatches(SmilesReader.Read("CC(=O)Oc1ccccc1C(=O)O"),
            QueryMolecule.FromMolecule(SmilesReader.Read("CC(=O)O"))));
    }

    [Fact]
    public void Uniquify_collapses_matches_on_the_same_atoms_and_MaxMatches_counts_before_it_as_RDKit()
    {
        var benzene = SmilesReader.Read("c1ccccc1");
        var ring = SmartsReader.Read("c1ccccc1");
        Assert.Single(SubstructureSearch.FindMatches(benzene, ring));
        Assert.Equal(12, SubstructureSearch.FindMatches(benzene, ring, new SubstructureOptions { Uniquify = false }).Count);
        var pair = SmartsReader.Read("cc");
        Assert.Equal(6, SubstructureSearch.FindMatches(benzene, pair).Count);
        // RDKit: GetSubstructMatches(cc, maxMatches=3) gives ((0,1),(0,5)): three raw matches, one a duplicate.
        var limited = SubstructureSearch.FindMatches(benzene, pair, new SubstructureOptions { MaxMatches = 3 });
        Assert.Equal(2, limited.Count);
        Assert.Equal(3, SubstructureSearch.FindMatches(benzene, pair, new SubstructureOptions { MaxMatches = 3, Uniquify = false }).Count);
    }

    [Fact]
    public void Each_match_maps_query_atoms_to_bonded_target_atoms_that_satisfy_them()
    {
        var target = SmilesReader.Read("CC(=O)Oc1ccccc1C(=O)O");
        var query = SmartsReader.Read("[CX3](=O)[OX2H1]");
        var match = Assert.Single(SubstructureSearch.FindMatches(target, query));
        Assert.Equal(6, target.Atoms[match[0]].Element);
        Assert.Equal(8, target.Atoms[match[1]].Element);
        Assert.Equal(1, target.Atoms[match[2]].TotalHydrogens);
        Assert.Equal(BondOrder.Double, target.BondBetween(match[0], match[1])!.Order);
        Assert.NotNull(target.BondBetween(match[0], match[2]));
    }

    [Fact]
    public void Disconnected_queries_may_match_within_one_component_or_across_components()
    {
        var target = SmilesReader.Read("CC.CC");
        Assert.Equal(6, SubstructureSearch.FindMatches(target, SmartsReader.Read("C.C")).Count);
        Assert.Empty(SubstructureSearch.FindMatches(target, SmartsReader.Read("C.C.C.C.C")));
    }

    [Fact]
    public void Empty_query_matches_nothing_as_in_RDKit()
    {
        var q = SmartsReader.Read("");
        Assert.Empty(SubstructureSearch.FindMatches(SmilesReader.Read("CCO"), q));
        Assert.False(SubstructureSearch.HasMatch(SmilesReader.Read("CCO"), q));
    }

    [Fact]
    public void Hand_built_molecule_without_perceived_rings_gets_them_for_ring_queries()
    {
        // Cyclopropane built by hand: no Rings set, hydrogens given explicitly.
        var m = new Molecule();
        for (var i = 0; i < 3; i++) m.AddAtom(new Atom { Element = 6, ImplicitHydrogens = 2 });
        m.AddBond(0, 1, BondOrder.Single);
        m.AddBond(1, 2, BondOrder.Single);
        m.AddBond(2, 0, BondOrder.Single);
        Assert.Equal(3, SubstructureSearch.FindMatches(m, SmartsReader.Read("[C;r3;H2]")).Count);
        Assert.Equal(3, SubstructureSearch.FindMatches(m, SmartsReader.Read("C@C")).Count);
        Assert.Null(m.Rings);
    }

    [Fact]
    public void Recursive_SMARTS_nest_and_are_evaluated_per_target_atom()
    {
        var target = SmilesReader.Read("OC(=O)CC(=O)OC");
        // Carbonyl carbons bearing an OH (acid) vs an O-alkyl (ester), nested two deep.
        Assert.Single(SubstructureSearch.FindMatches(target, SmartsReader.Read("[C;$(C(=O)[$([OH])])]")));
        Assert.Single(SubstructureSearch.FindMatches(target, SmartsReader.Read("[C;$(C(=O)[$(O[CH3])])]")));
        Assert.Equal(2, SubstructureSearch.FindMatches(target, SmartsReader.Read("[$(C=O)]")).Count);
    }

    [Fact]
    public void Large_queries_do_not_exhaust_the_stack()
    {
        var chain = string.Concat(Enumerable.Repeat("C", 3000));
        var target = SmilesReader.Read(chain);
        Assert.True(SubstructureSearch.HasMatch(target, SmartsReader.Read(chain)));
        Assert.True(SubstructureSearch.HasMatch(target, QueryMolecule.FromMolecule(target)));
    }
}
