using Sieve.Chemistry;
using Sieve.Markush.Chem;
using Sieve.Markush.Matching;
using Sieve.Markush.Model;
using Sieve.Markush.Parsing;

namespace Sieve.Markush.Tests;

/// <summary>Each generic group read from claim words, against fragments just inside and just outside it.
/// A fragment is SMILES with one <c>*</c> standing for the scaffold atom it hangs on.</summary>
public class GroupPredicateTests
{
    internal static Fit Fits(string phrase, string fragment)
    {
        var alts = GroupPhraseParser.ParseList(GroupPhraseParser.Protect(phrase));
        Assert.Single(alts);
        Assert.IsNotType<UnparsedGroup>(alts[0]);
        var m = MoleculeInput.FromSmiles(fragment);
        var star = Enumerable.Range(0, m.AtomCount).Single(i => m.Atoms[i].Element == 0);
        var root = m.Neighbors(star).Single();
        var atoms = new HashSet<int>(Enumerable.Range(0, m.AtomCount).Where(i => i != star));
        return GroupPredicates.Check(new MolContext(m), alts[0], new Frag(root, star, atoms), out _);
    }

    [Theory]
    [InlineData("C1-6 alkyl", "*C", true)]
    [InlineData("C1-6 alkyl", "*CCCCCC", true)]
    [InlineData("C1-6 alkyl", "*C(C)(C)C", true)]
    [InlineData("C1-6 alkyl", "*CCCCCCC", false)]
    [InlineData("C1-6 alkyl", "*C1CC1", false)]
    [InlineData("C1-6 alkyl", "*C(F)(F)F", false)]
    [InlineData("C1-6 alkyl", "*C=C", false)]
    [InlineData("C1-6 alkyl", "*c1ccccc1", false)]
    [InlineData("C1–C6 alkyl", "*CC", true)]
    [InlineData("straight-chain C1-4 alkyl", "*CCCC", true)]
    [InlineData("straight-chain C1-4 alkyl", "*C(C)C", false)]
    [InlineData("straight or branched C1-4 alkyl", "*C(C)C", true)]
    [InlineData("lower alkyl", "*CCCCCC", true)]
    [InlineData("lower alkyl", "*CCCCCCC", false)]
    [InlineData("C2-6 alkenyl", "*C=C", true)]
    [InlineData("C2-6 alkenyl", "*CC", false)]
    [InlineData("C2-6 alkynyl", "*C#C", true)]
    [InlineData("C2-6 alkynyl", "*C=C", false)]
    [InlineData("C3-8 cycloalkyl", "*C1CC1", true)]
    [InlineData("C3-8 cycloalkyl", "*C1CCCCCCC1", true)]
    [InlineData("C3-8 cycloalkyl", "*C1CCCCCCCC1", false)]
    [InlineData("C3-8 cycloalkyl", "*C1=CCCC1", false)]
    [InlineData("C3-8 cycloalkyl", "*C1CCOCC1", false)]
    [InlineData("C3-8 cycloalkyl", "*CC1CC1", false)]
    [InlineData("aryl", "*c1ccccc1", true)]
    [InlineData("aryl", "*c1ccc2ccccc2c1", true)]
    [InlineData("aryl", "*c1ccncc1", false)]
    [InlineData("aryl", "*C1CCCCC1", false)]
    [InlineData("5- or 6-membered heteroaryl containing 1 to 3 heteroatoms selected from N, O and S", "*c1ccncc1", true)]
    [InlineData("5- or 6-membered heteroaryl containing 1 to 3 heteroatoms selected from N, O and S", "*c1cccs1", true)]
    [InlineData("5- or 6-membered heteroaryl containing 1 to 3 heteroatoms selected from N, O and S", "*c1ccccc1", false)]
    [InlineData("5- or 6-membered heteroaryl containing 1 to 3 heteroatoms selected from N, O and S", "*c1ccc2ccccc2n1", false)]
    [InlineData("5- or 6-membered heteroaryl containing 1 to 3 heteroatoms selected from N, O and S", "*c1nnn[nH]1", false)]
    [InlineData("heteroaryl containing 1 or 2 nitrogen atoms", "*c1cncnc1", true)]
    [InlineData("heteroaryl containing 1 or 2 nitrogen atoms", "*c1ccco1", false)]
    [InlineData("heterocyclyl", "*N1CCOCC1", true)]
    [InlineData("heterocyclyl", "*c1ccncc1", false)]
    [InlineData("heterocyclyl", "*C1CCCCC1", false)]
    [InlineData("halogen", "*F", true)]
    [InlineData("halogen", "*I", true)]
    [InlineData("halogen", "*C", false)]
    [InlineData("C1-4 haloalkyl", "*C(F)(F)F", true)]
    [InlineData("C1-4 haloalkyl", "*CCCl", true)]
    [InlineData("C1-4 haloalkyl", "*C", false)]
    [InlineData("C1-4 haloalkyl", "*CCCCCF", false)]
    [InlineData("C1-6 alkoxy", "*OC", true)]
    [InlineData("C1-6 alkoxy", "*OC(C)C", true)]
    [InlineData("C1-6 alkoxy", "*OCCCCCCC", false)]
    [InlineData("C1-6 alkoxy", "*OC(F)(F)F", false)]
    [InlineData("C1-6 alkoxy", "*O", false)]
    [InlineData("C1-4 haloalkoxy", "*OC(F)F", true)]
    [InlineData("hydroxy", "*O", true)]
    [InlineData("hydroxy", "*OC", false)]
    [InlineData("amino", "*N", true)]
    [InlineData("amino", "*NC", false)]
    [InlineData("C1-4 alkylamino", "*NC", true)]
    [InlineData("C1-4 alkylamino", "*N(C)C", false)]
    [InlineData("di(C1-4 alkyl)amino", "*N(C)CC", true)]
    [InlineData("di(C1-4 alkyl)amino", "*NC", false)]
    [InlineData("nitro", "*[N+](=O)[O-]", true)]
    [InlineData("nitro", "*N", false)]
    [InlineData("cyano", "*C#N", true)]
    [InlineData("cyano", "*CC#N", false)]
    [InlineData("carboxy", "*C(=O)O", true)]
    [InlineData("carboxy", "*C(=O)OC", false)]
    [InlineData("C1-4 alkoxycarbonyl", "*C(=O)OC", true)]
    [InlineData("C1-4 alkoxycarbonyl", "*C(=O)O", false)]
    [InlineData("C2-4 alkanoyl", "*C(C)=O", true)]
    [InlineData("C2-4 alkanoyl", "*C=O", false)]
    [InlineData("C2-4 alkanoyl", "*C(=O)CCCC", false)]
    [InlineData("carbamoyl", "*C(N)=O", true)]
    [InlineData("carbamoyl", "*C(=O)O", false)]
    [InlineData("C1-4 alkylsulfonyl", "*S(C)(=O)=O", true)]
    [InlineData("C1-4 alkylsulfonyl", "*S(N)(=O)=O", false)]
    [InlineData("sulfamoyl", "*S(N)(=O)=O", true)]
    [InlineData("C1-4 alkylthio", "*SC", true)]
    [InlineData("oxo", "*=O", true)]
    [InlineData("oxo", "*O", false)]
    [InlineData("C1-4 hydroxyalkyl", "*CCO", true)]
    [InlineData("C1-4 hydroxyalkyl", "*CC", false)]
    [InlineData("C1-6 alkyl optionally substituted with one or more groups selected from halogen and hydroxy", "*CCO", true)]
    [InlineData("C1-6 alkyl optionally substituted with one or more groups selected from halogen and hydroxy", "*CC(F)(F)F", true)]
    [InlineData("C1-6 alkyl optionally substituted with one or more groups selected from halogen and hydroxy", "*CCN", false)]
    [InlineData("phenyl optionally substituted with 1 to 3 groups selected from halogen and C1-4 alkyl", "*c1ccccc1", true)]
    [InlineData("phenyl optionally substituted with 1 to 3 groups selected from halogen and C1-4 alkyl", "*c1ccc(F)c(C)c1", true)]
    [InlineData("phenyl optionally substituted with 1 to 3 groups selected from halogen and C1-4 alkyl", "*c1c(F)c(F)c(F)c(F)c1", false)]
    [InlineData("phenyl optionally substituted with 1 to 3 groups selected from halogen and C1-4 alkyl", "*c1ccc(O)cc1", false)]
    [InlineData("phenyl substituted with one or two groups selected from nitro and halogen", "*c1ccccc1", false)]
    [InlineData("pyridyl", "*c1ccncc1", true)]
    [InlineData("pyridyl", "*c1ccccn1", true)]
    [InlineData("pyridyl", "*c1ccccc1", false)]
    [InlineData("pyridin-3-yl", "*c1ccccn1", false)]
    [InlineData("1H-tetrazol-5-yl", "*c1nn[nH]n1", true)]
    [InlineData("1H-tetrazol-5-yl", "*c1nnn[nH]1", true)]
    [InlineData("morpholino", "*N1CCOCC1", true)]
    [InlineData("morpholino", "*C1COCCN1", false)]
    [InlineData("benzyl", "*Cc1ccccc1", true)]
    [InlineData("C1-4 alkyl substituted with phenyl", "*CCc1ccccc1", true)]
    [InlineData("C1-4 alkyl substituted with phenyl", "*CC", false)]
    public void Generic_and_named_groups_accept_only_their_structures(string phrase, string fragment, bool inside)
    {
        Assert.Equal(inside ? Fit.Yes : Fit.No, Fits(phrase, fragment));
    }

    [Fact]
    public void An_unreadable_alternative_makes_a_non_matching_substituent_undetermined_but_not_a_matching_one()
    {
        var alts = GroupPhraseParser.ParseList("methyl or a lipophilic moiety as defined herein");
        Assert.Contains(alts, a => a is UnparsedGroup);
        Fit Check(string smi)
        {
            var m = MoleculeInput.FromSmiles(smi);
            var atoms = new HashSet<int>(Enumerable.Range(1, m.AtomCount - 1));
            return GroupPredicates.CheckAny(new MolContext(m), alts, new Frag(1, 0, atoms), out _, out _);
        }
        Assert.Equal(Fit.Yes, Check("*C"));
        Assert.Equal(Fit.Unknown, Check("*CCCCCCCCCC"));
    }
}
