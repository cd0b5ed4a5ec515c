using Microsoft.SemanticKernel;
using Sieve.KernelFunctions.Chemistry;

namespace Sieve.KernelFunctions.Tests;

public sealed class ChemistryPluginTests
{
    private readonly Kernel _kernel = TestKernel.Create();

    [Fact]
    public async Task Canonicalize_gives_the_RDKit_canonical_SMILES()
    {
        // RDKit 2022.09: Chem.MolToSmiles(Chem.MolFromSmiles(celecoxib)).
        var r = await TestKernel.Invoke<CanonicalResult>(_kernel, "chemistry", "canonicalize", new() { ["smiles"] = TestKernel.Celecoxib });
        Assert.Equal("Cc1ccc(-c2cc(C(F)(F)F)nn2-c2ccc(S(N)(=O)=O)cc2)cc1", r.Canonical);
        Assert.Equal(TestKernel.Celecoxib, r.Input);
    }

    [Fact]
    public async Task Describe_reports_formula_weight_and_rings_as_RDKit()
    {
        // RDKit: CalcMolFormula, MolWt (381.379), GetNumHeavyAtoms, CalcNumRings, CalcNumAromaticRings.
        var r = await TestKernel.Invoke<MoleculeDescription>(_kernel, "chemistry", "describe", new() { ["smiles"] = TestKernel.Celecoxib });
        Assert.Equal("C17H14F3N3O2S", r.Formula);
        Assert.Equal(381.379, r.MolecularWeight, 3);
        Assert.Equal(26, r.HeavyAtoms);
        Assert.Equal(3, r.Rings);
        Assert.Equal(3, r.AromaticRings);
        Assert.Equal(0, r.FormalCharge);
        Assert.Equal(1, r.Components);
        Assert.Equal(0, r.SpecifiedStereocentres);
    }

    [Fact]
    public async Task Describe_counts_charge_fragments_and_stereocentres()
    {
        // RDKit: C3H7ClNNaO2, MolWt 147.537.
        var r = await TestKernel.Invoke<MoleculeDescription>(_kernel, "chemistry", "describe", new() { ["smiles"] = "C[C@H](N)C(=O)[O-].[Na+].[Cl-].[H+]" });
        Assert.Equal(0, r.FormalCharge);
        Assert.Equal(4, r.Components);
        Assert.Equal(1, r.SpecifiedStereocentres);
        Assert.Equal(0, r.Rings);
        var ion = await TestKernel.Invoke<MoleculeDescription>(_kernel, "chemistry", "describe", new() { ["smiles"] = "C[N+](C)(C)C" });
        Assert.Equal(1, ion.FormalCharge);
    }

    [Fact]
    public async Task Substructure_lists_unique_matches_in_query_atom_order()
    {
        // RDKit GetSubstructMatches: benzene twice, sulfonamide S(=O)(=O)N once as (18, 20, 21, 19).
        var rings = await TestKernel.Invoke<SubstructureResult>(_kernel, "chemistry", "substructure",
            new() { ["smiles"] = TestKernel.Celecoxib, ["smarts"] = "c1ccccc1" });
        Assert.True(rings.Matched);
        Assert.Equal(2, rings.MatchCount);
        Assert.Equal([[1, 2, 3, 4, 5, 6], [12, 13, 14, 15, 16, 17]], rings.Matches.Select(m => m.Order().ToArray()).OrderBy(m => m[0]).ToList());
        var sulfonamide = await TestKernel.Invoke<SubstructureResult>(_kernel, "chemistry", "substructure",
            new() { ["smiles"] = TestKernel.Celecoxib, ["smarts"] = "S(=O)(=O)N" });
        Assert.Equal([18, 20, 21, 19], Assert.Single(sulfonamide.Matches));
    }

    [Fact]
    public async Task Substructure_counts_past_the_listed_matches()
    {
        var r = await TestKernel.Invoke<SubstructureResult>(_kernel, "chemistry", "substructure",
            new() { ["smiles"] = TestKernel.Celecoxib, ["smarts"] = "[#6]" });
        Assert.Equal(17, r.MatchCount);
        Assert.Equal(ChemistryPlugin.ListedMatches, r.Matches.Count);
        Assert.False(r.CountCapped);
        var none = await TestKernel.Invoke<SubstructureResult>(_kernel, "chemistry", "substructure",
            new() { ["smiles"] = "CCO", ["smarts"] = "c1ccccc1" });
        Assert.False(none.Matched);
        Assert.Empty(none.Matches);
    }

    [Theory]
    [InlineData("canonicalize", "C1CC", "smiles", "not valid SMILES")]
    [InlineData("describe", "C(C)(C)(C)(C)C", "smiles", "not a valid molecule")]
    [InlineData("canonicalize", "  ", "smiles", "empty")]
    [InlineData("describe", "c1cccc1", "smiles", "not a valid molecule")]
    public async Task Bad_SMILES_is_refused_naming_the_parameter(string function, string smiles, string parameter, string problem)
    {
        var e = await TestKernel.Refused(_kernel, "chemistry", function, new() { ["smiles"] = smiles });
        Assert.Equal(parameter, e.Parameter);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_SMARTS_is_refused_naming_the_parameter_and_position()
    {
        var e = await TestKernel.Refused(_kernel, "chemistry", "substructure", new() { ["smiles"] = "CCO", ["smarts"] = "[C;" });
        Assert.Equal("smarts", e.Parameter);
        Assert.Contains("not valid SMARTS", e.Problem, StringComparison.Ordinal);
        Assert.Contains("position", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_argument_is_refused_naming_it()
    {
        var e = await TestKernel.Refused(_kernel, "chemistry", "substructure", new() { ["smiles"] = "CCO" });
        Assert.Equal("smarts", e.Parameter);
    }
}
