using CsCheck;
using Sieve.Chemistry.Smarts;
using Sieve.Chemistry.Smiles;
using Sieve.Chemistry.Substructure;

namespace Sieve.Chemistry.Tests.Smarts;

/// <summary>Arbitrary input never crashes the reader with anything but <see cref="SmartsParseException"/>,
/// and whatever it accepts can be searched.</summary>
public class SmartsFuzzTests
{
    private static readonly Molecule Target = SmilesReader.Read("OC(=O)c1ccc2[nH]c(C[N+](C)(C)C)cc2c1C1CC1.[Cl-].[2H]C#N");

    private static readonly string[] Pieces =
        ["C", "[C;R]", "c1", "cc1", "(", ")", "[$(", "C=O)]", "[N+,O-;!H0]", "%10", "~", "!@", "[13C@@H:2]", "{1-2}", "[D{", ".", "*", "1", "=", "[#7]"];

    // Mostly SMARTS's own alphabet or pieces, so random strings get deep into the grammar, plus arbitrary characters.
    private static readonly Gen<string> SmartsLike = Gen.OneOf(
        Gen.String[Gen.Char["[]()=#$:~@/\\!&,;.%{}-+*0123456789CNOScnosaAHhDXRrxvzZ^lBrIFP"], 0, 40],
        Gen.String[Gen.Char, 0, 30],
        Gen.Int[0, Pieces.Length - 1].Array[1, 12].Select(ix => string.Concat(ix.Select(i => Pieces[i]))));

    [Fact]
    public void Random_strings_only_ever_throw_SmartsParseException()
    {
        SmartsLike.Sample(s =>
        {
            QueryMolecule q;
            try { q = SmartsReader.Read(s); }
            catch (SmartsParseException) { return; }
            // Accepted queries must also be searchable without crashing.
            SubstructureSearch.FindMatches(Target, q, new SubstructureOptions { MaxMatches = 50 });
            SubstructureSearch.HasMatch(Target, q, new SubstructureOptions { UseChirality = true });
        }, iter: 20000);
    }
}
