using Microsoft.SemanticKernel;
using Sieve.KernelFunctions.Markush;

namespace Sieve.KernelFunctions.Tests;

public sealed class MarkushPluginTests
{
    private readonly Kernel _kernel = TestKernel.Create();

    [Fact]
    public async Task Parse_claims_gives_each_compound_claim_its_definitions()
    {
        var r = await TestKernel.Invoke<MarkushClaims>(_kernel, "markush", "parse_claims", new() { ["path"] = TestKernel.Coxib });
        Assert.Equal("SAMPLE-COX-001", r.Patent);
        Assert.Equal([1, 2, 3], r.Claims.Select(c => c.Claim));
        var c1 = r.Claims[0];
        Assert.True(c1.Independent);
        Assert.Equal("I", c1.Formula);
        Assert.Contains("[*:1]", c1.Scaffold, StringComparison.Ordinal);
        Assert.Equal(["R1", "R2", "R3"], c1.Definitions.Keys);
        Assert.Equal(["trifluoromethyl", "difluoromethyl", "C1-C4 alkyl"], c1.Definitions["R1"]);
        Assert.Equal(4, c1.Definitions["R2"].Count);
        Assert.True(c1.IncludesSalts);
        Assert.Empty(c1.Unparsed);
        Assert.Empty(c1.Problems);
        var c3 = r.Claims[2];
        Assert.Equal([2], c3.DependsOn);
        Assert.Equal(["trifluoromethyl"], c3.Definitions["R1"]);
        Assert.Equal(["methyl"], c3.Definitions["R2"]);
        Assert.Equal(["aminosulfonyl"], c3.Definitions["R3"]);
    }

    [Fact]
    public async Task Celecoxib_is_covered_by_claim_1_and_narrowest_by_claim_3()
    {
        var r = await TestKernel.Invoke<MarkushMatchReport>(_kernel, "markush", "match", new() { ["path"] = TestKernel.Coxib, ["smiles"] = TestKernel.Celecoxib });
        Assert.Equal("covered", r.Verdict);
        Assert.Equal([1], r.CoveringClaims);
        Assert.Equal(3, r.NarrowestCoveringClaim);
        Assert.Equal("Cc1ccc(-c2cc(C(F)(F)F)nn2-c2ccc(S(N)(=O)=O)cc2)cc1", r.Molecule);
        var c1 = Assert.Single(r.Claims);
        Assert.Equal((1, "covered", 3), (c1.Claim, c1.Verdict, c1.NarrowestCoveringClaim));
        Assert.Equal([(2, "covered"), (3, "covered")], c1.Dependents.Select(d => (d.Claim, d.Verdict)));
        Assert.Equal("covered", c1.EvidenceVerdict);
        Assert.Equal(["R1", "R2", "R3"], c1.Sites.Select(s => s.Label).Order(StringComparer.Ordinal));
        Assert.All(c1.Sites, s => Assert.Equal("inside", s.Status));
        Assert.All(c1.Sites, s => Assert.False(string.IsNullOrEmpty(s.Definition)));
        Assert.NotEmpty(c1.ScaffoldToMolecule);
        // The evidence points into the molecule: R2's scaffold atom carries the tolyl methyl.
        var r2 = c1.Sites.Single(s => s.Label == "R2");
        Assert.Equal("*C", r2.Substituent);
        Assert.NotNull(r2.MoleculeAtom);
        Assert.Equal("C1-C4 alkyl", r2.Definition);
        // Claim 3's own evidence: R2 must be methyl there.
        Assert.All(c1.NarrowestSites, s => Assert.Equal("inside", s.Status));
        var r2In3 = c1.NarrowestSites.Single(s => s.Label == "R2");
        Assert.Equal(("*C", "methyl"), (r2In3.Substituent, r2In3.Definition));
        Assert.Equal(["methyl"], r2In3.Allowed);
    }

    [Fact]
    public async Task A_heptyl_at_R2_is_not_covered_and_the_evidence_says_why()
    {
        var r = await TestKernel.Invoke<MarkushMatchReport>(_kernel, "markush", "match", new() { ["path"] = TestKernel.Coxib, ["smiles"] = TestKernel.HeptylAtR2 });
        Assert.Equal("not covered", r.Verdict);
        Assert.Empty(r.CoveringClaims);
        Assert.Null(r.NarrowestCoveringClaim);
        var c1 = Assert.Single(r.Claims);
        Assert.Equal("not covered", c1.Verdict);
        Assert.Null(c1.NarrowestCoveringClaim);
        var r2 = c1.Sites.Single(s => s.Label == "R2");
        Assert.Equal("outside", r2.Status);
        Assert.Equal("*CCCCCCC", r2.Substituent);
        Assert.Null(r2.Definition);
        Assert.Contains("7 carbons", r2.Reason, StringComparison.Ordinal);
        Assert.Equal(["hydrogen", "halogen", "C1-C4 alkyl", "C1-C4 alkoxy"], r2.Allowed);
        Assert.Empty(c1.NarrowestSites);
        Assert.Equal("inside", c1.Sites.Single(s => s.Label == "R1").Status);
    }

    [Fact]
    public async Task A_claim_argument_checks_that_claim_and_its_dependents_only()
    {
        var r = await TestKernel.Invoke<MarkushMatchReport>(_kernel, "markush", "match",
            new() { ["path"] = TestKernel.Coxib, ["smiles"] = "NS(=O)(=O)c1ccc(-n2nc(C(F)(F)F)cc2-c2ccc(Cl)cc2)cc1", ["claim"] = 2 });
        var c2 = Assert.Single(r.Claims);
        Assert.Equal((2, "covered"), (c2.Claim, c2.Verdict));
        Assert.Equal([(3, "not covered")], c2.Dependents.Select(d => (d.Claim, d.Verdict)));
        var r2 = c2.Sites.Single(s => s.Label == "R2");
        Assert.Equal(("*Cl", "inside"), (r2.Substituent, r2.Status));
        Assert.Equal(2, r.NarrowestCoveringClaim);
    }

    [Fact]
    public async Task Salts_are_stripped_and_reported()
    {
        var r = await TestKernel.Invoke<MarkushMatchReport>(_kernel, "markush", "match",
            new() { ["path"] = TestKernel.Coxib, ["smiles"] = "Cc1ccc(-c2cc(C(F)(F)F)nn2-c2ccc(S([NH-])(=O)=O)cc2)cc1.[Na+]" });
        Assert.Equal("covered", r.Verdict);
        var c1 = Assert.Single(r.Claims);
        Assert.NotEmpty(c1.Stripped);
        Assert.NotEmpty(c1.Neutralized);
        Assert.Equal("Cc1ccc(-c2cc(C(F)(F)F)nn2-c2ccc(S(N)(=O)=O)cc2)cc1", c1.MatchedMolecule);
    }

    [Fact]
    public async Task Bad_match_inputs_are_refused_naming_the_parameter()
    {
        var smiles = await TestKernel.Refused(_kernel, "markush", "match", new() { ["path"] = TestKernel.Coxib, ["smiles"] = "c1ccc" });
        Assert.Equal("smiles", smiles.Parameter);
        var claim = await TestKernel.Refused(_kernel, "markush", "match", new() { ["path"] = TestKernel.Coxib, ["smiles"] = TestKernel.Celecoxib, ["claim"] = 4 });
        Assert.Equal("claim", claim.Parameter);
        Assert.Contains("those are 1, 2, 3", claim.Problem, StringComparison.Ordinal);
        var notNumber = await TestKernel.Refused(_kernel, "markush", "match", new() { ["path"] = TestKernel.Coxib, ["smiles"] = TestKernel.Celecoxib, ["claim"] = "first" });
        Assert.Equal("claim", notNumber.Parameter);
        Assert.Equal("'first' cannot be read as an integer", notNumber.Problem);
        var asText = await TestKernel.Invoke<MarkushMatchReport>(_kernel, "markush", "match", new() { ["path"] = TestKernel.Coxib, ["smiles"] = TestKernel.Celecoxib, ["claim"] = "3" });
        Assert.Equal(3, Assert.Single(asText.Claims).Claim);
        var text = await TestKernel.Refused(_kernel, "markush", "match", new() { ["path"] = TestKernel.Coxib + "/claims.txt", ["smiles"] = TestKernel.Celecoxib });
        Assert.Equal("path", text.Parameter);
        Assert.Contains("needs a patent folder", text.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_labelled_sample_molecule_gets_its_expected_verdict()
    {
        // samples/patents/*/molecules.tsv: name, smiles, verdict, reason — the sample's own labels.
        foreach (var dir in Directory.GetDirectories(Path.Combine(TestKernel.Root, "patents")).Where(d => File.Exists(Path.Combine(d, "molecules.tsv"))))
        {
            foreach (var line in File.ReadLines(Path.Combine(dir, "molecules.tsv")).Skip(1).Where(l => l.Length > 0))
            {
                var f = line.Split('\t');
                var r = await TestKernel.Invoke<MarkushMatchReport>(_kernel, "markush", "match", new() { ["path"] = "patents/" + Path.GetFileName(dir), ["smiles"] = f[1] });
                Assert.True(f[2] == r.Verdict, $"{Path.GetFileName(dir)} / {f[0]}: expected {f[2]}, got {r.Verdict}");
            }
        }
    }
}
