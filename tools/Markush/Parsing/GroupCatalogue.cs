using Sieve.Markush.Model;

namespace Sieve.Markush.Parsing;

/// <summary>Named groups with one fixed structure, as claim drafters write them. Attachment is <c>*</c>;
/// "any position" entries are parent rings attached through any ring atom bearing H.</summary>
internal static class GroupCatalogue
{
    private static readonly Dictionary<string, (string Smiles, bool Any)> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["methyl"] = ("*C", false), ["ethyl"] = ("*CC", false), ["n-propyl"] = ("*CCC", false), ["propyl"] = ("*CCC", false),
        ["isopropyl"] = ("*C(C)C", false), ["iso-propyl"] = ("*C(C)C", false), ["n-butyl"] = ("*CCCC", false), ["butyl"] = ("*CCCC", false),
        ["isobutyl"] = ("*CC(C)C", false), ["sec-butyl"] = ("*C(C)CC", false), ["tert-butyl"] = ("*C(C)(C)C", false), ["t-butyl"] = ("*C(C)(C)C", false),
        ["n-pentyl"] = ("*CCCCC", false), ["pentyl"] = ("*CCCCC", false), ["n-hexyl"] = ("*CCCCCC", false),
        ["vinyl"] = ("*C=C", false), ["ethenyl"] = ("*C=C", false), ["allyl"] = ("*CC=C", false), ["ethynyl"] = ("*C#C", false),
        ["cyclopropyl"] = ("*C1CC1", false), ["cyclobutyl"] = ("*C1CCC1", false), ["cyclopentyl"] = ("*C1CCCC1", false),
        ["cyclohexyl"] = ("*C1CCCCC1", false), ["cyclopropylmethyl"] = ("*CC1CC1", false),
        ["phenyl"] = ("*c1ccccc1", false), ["benzyl"] = ("*Cc1ccccc1", false), ["phenethyl"] = ("*CCc1ccccc1", false),
        ["naphthyl"] = ("c1ccc2ccccc2c1", true),
        ["trifluoromethyl"] = ("*C(F)(F)F", false), ["difluoromethyl"] = ("*C(F)F", false), ["fluoromethyl"] = ("*CF", false),
        ["2,2,2-trifluoroethyl"] = ("*CC(F)(F)F", false), ["hydroxymethyl"] = ("*CO", false), ["methoxymethyl"] = ("*COC", false),
        ["methoxy"] = ("*OC", false), ["ethoxy"] = ("*OCC", false), ["propoxy"] = ("*OCCC", false), ["isopropoxy"] = ("*OC(C)C", false),
        ["trifluoromethoxy"] = ("*OC(F)(F)F", false), ["difluoromethoxy"] = ("*OC(F)F", false), ["phenoxy"] = ("*Oc1ccccc1", false),
        ["benzyloxy"] = ("*OCc1ccccc1", false),
        ["fluoro"] = ("*F", false), ["fluorine"] = ("*F", false), ["f"] = ("*F", false),
        ["chloro"] = ("*Cl", false), ["chlorine"] = ("*Cl", false), ["cl"] = ("*Cl", false),
        ["bromo"] = ("*Br", false), ["bromine"] = ("*Br", false), ["br"] = ("*Br", false),
        ["iodo"] = ("*I", false), ["iodine"] = ("*I", false),
        ["methylamino"] = ("*NC", false), ["dimethylamino"] = ("*N(C)C", false), ["ethylamino"] = ("*NCC", false), ["diethylamino"] = ("*N(CC)CC", false),
        ["acetyl"] = ("*C(C)=O", false), ["formyl"] = ("*C=O", false), ["acetamido"] = ("*NC(C)=O", false), ["acetylamino"] = ("*NC(C)=O", false),
        ["methylsulfonyl"] = ("*S(C)(=O)=O", false), ["methanesulfonyl"] = ("*S(C)(=O)=O", false), ["methylthio"] = ("*SC", false),
        ["methylsulfonylamino"] = ("*NS(C)(=O)=O", false), ["methanesulfonamido"] = ("*NS(C)(=O)=O", false),
        ["aminosulfonyl"] = ("*S(N)(=O)=O", false), ["methoxycarbonyl"] = ("*C(=O)OC", false), ["ethoxycarbonyl"] = ("*C(=O)OCC", false),
        ["carboxamido"] = ("*C(N)=O", false), ["aminocarbonyl"] = ("*C(N)=O", false), ["sulfo"] = ("*S(=O)(=O)O", false),
        ["phenylcarbamoyl"] = ("*C(=O)Nc1ccccc1", false), ["phenylaminocarbonyl"] = ("*C(=O)Nc1ccccc1", false),
        ["4-fluorophenyl"] = ("*c1ccc(F)cc1", false), ["4-chlorophenyl"] = ("*c1ccc(Cl)cc1", false), ["3-chloro-4-fluorophenyl"] = ("*c1ccc(F)c(Cl)c1", false),
        ["3-ethynylphenyl"] = ("*c1cccc(C#C)c1", false), ["2-nitrophenyl"] = ("*c1ccccc1[N+](=O)[O-]", false), ["3-nitrophenyl"] = ("*c1cccc([N+](=O)[O-])c1", false),
        ["2,3-dichlorophenyl"] = ("*c1cccc(Cl)c1Cl", false), ["4-methylphenyl"] = ("*c1ccc(C)cc1", false), ["p-tolyl"] = ("*c1ccc(C)cc1", false),
        ["2,2,2-trifluoroethoxy"] = ("*OCC(F)(F)F", false), ["1-naphthyl"] = ("*c1cccc2ccccc12", false), ["2-naphthyl"] = ("*c1ccc2ccccc2c1", false),
        ["benzofurazanyl"] = ("c1cc2nonc2cc1", true), ["benzoxadiazolyl"] = ("c1cc2nonc2cc1", true),
        ["pyridyl"] = ("c1ccncc1", true), ["pyridinyl"] = ("c1ccncc1", true),
        ["pyridin-2-yl"] = ("*c1ccccn1", false), ["2-pyridyl"] = ("*c1ccccn1", false),
        ["pyridin-3-yl"] = ("*c1cccnc1", false), ["3-pyridyl"] = ("*c1cccnc1", false),
        ["pyridin-4-yl"] = ("*c1ccncc1", false), ["4-pyridyl"] = ("*c1ccncc1", false),
        ["pyrimidinyl"] = ("c1cncnc1", true), ["pyrazinyl"] = ("c1cnccn1", true), ["pyridazinyl"] = ("c1ccnnc1", true),
        ["thienyl"] = ("c1ccsc1", true), ["thiophenyl"] = ("c1ccsc1", true), ["furyl"] = ("c1ccoc1", true), ["furanyl"] = ("c1ccoc1", true),
        ["thiazolyl"] = ("c1cscn1", true), ["oxazolyl"] = ("c1cocn1", true), ["imidazolyl"] = ("c1c[nH]cn1", true),
        ["pyrazolyl"] = ("c1cn[nH]c1", true), ["pyrrolyl"] = ("c1cc[nH]c1", true),
        ["tetrazolyl"] = ("c1nn[nH]n1", true), ["1h-tetrazol-5-yl"] = ("*c1nn[nH]n1", false), ["tetrazol-5-yl"] = ("*c1nn[nH]n1", false),
        ["morpholino"] = ("*N1CCOCC1", false), ["morpholinyl"] = ("C1COCCN1", true), ["morpholin-4-yl"] = ("*N1CCOCC1", false),
        ["piperidino"] = ("*N1CCCCC1", false), ["piperidinyl"] = ("C1CCNCC1", true), ["piperidin-1-yl"] = ("*N1CCCCC1", false),
        ["piperazinyl"] = ("C1CNCCN1", true), ["piperazin-1-yl"] = ("*N1CCNCC1", false), ["4-methylpiperazin-1-yl"] = ("*N1CCN(C)CC1", false),
        ["pyrrolidinyl"] = ("C1CCNC1", true), ["pyrrolidin-1-yl"] = ("*N1CCCC1", false), ["azetidinyl"] = ("C1CNC1", true),
        ["tetrahydropyranyl"] = ("C1CCOCC1", true), ["tetrahydrofuranyl"] = ("C1CCOC1", true),
    };

    public static bool TryGetNamed(string name, out string smiles, out bool anyPosition)
    {
        if (Named.TryGetValue(name, out var v)) { smiles = v.Smiles; anyPosition = v.Any; return true; }
        smiles = ""; anyPosition = false; return false;
    }

    /// <summary>Ring-atom words for atom-list variables ("N", "CH", "NH", "O", "S", "C", "CR5").</summary>
    public static RingAtomGroup? RingAtom(string text)
    {
        var t = text.Trim().Trim('-').Trim();
        var m = System.Text.RegularExpressions.Regex.Match(t, @"^(N|C|O|S)(H(\d)?)?(?:\s*[-(]?\s*(R\d+[a-z]?)\s*\)?)?$");
        if (!m.Success) return null;
        var z = m.Groups[1].Value switch { "N" => 7, "C" => 6, "O" => 8, _ => 16 };
        var h = m.Groups[2].Success ? (m.Groups[3].Success ? m.Groups[3].Value[0] - '0' : 1) : 0;
        var label = m.Groups[4].Success ? m.Groups[4].Value : null;
        return new RingAtomGroup { Text = text.Trim(), Element = z, Hydrogens = h, SubstituentLabel = label };
    }
}
