using CsCheck;
using Sieve.Chemistry.Perception;
using Sieve.Chemistry.Smiles;

namespace Sieve.Chemistry.Tests.Smiles;

/// <summary>Whatever the input, the reader either returns a molecule or throws its own exceptions.</summary>
public class SmilesFuzzTests
{
    private static void ReadOrFailCleanly(string s)
    {
        try
        {
            SmilesReader.Read(s);
        }
        catch (SmilesParseException e)
        {
            Assert.InRange(e.Position, -1, s.Length);
        }
        catch (MoleculeException)
        {
            // valid syntax, impossible chemistry: RDKit rejects these too
        }
    }

    [Fact]
    public void Random_strings_only_ever_throw_SmilesParseException_or_MoleculeException()
    {
        Gen.String.Sample(ReadOrFailCleanly, iter: 20_000);
    }

    private static readonly string[] Tokens =
    [
        "C", "c", "N", "n", "O", "o", "S", "s", "1", "2", "%12", "(", ")", "[", "]", "=", "#", "/", "\\", ".", "@", "@@",
        "H", "+", "-", "2", ":", "$", "*", "Cl", "Br", "[nH]", "[C@H]", " |", "|", "$", ";", ",", "m:", "0", "3",
    ];

    [Fact]
    public void Random_smiles_alphabet_strings_only_ever_throw_our_exceptions()
    {
        var alphabet = Gen.Int[0, Tokens.Length - 1].Select(i => Tokens[i]);
        Gen.Select(alphabet.Array[0, 30], parts => string.Concat(parts)).Sample(ReadOrFailCleanly, iter: 20_000);
    }

    [Fact]
    public void Raw_parsing_throws_only_SmilesParseException()
    {
        Gen.String.Sample(s =>
        {
            try { SmilesReader.ParseRaw(s); }
            catch (SmilesParseException) { }
        }, iter: 20_000);
    }
}
