using Sieve.Chemistry.Smiles;

namespace Sieve.Chemistry.Tests.Smiles;

public class SmilesErrorTests
{
    [Theory]
    [InlineData("C1CC", 1, "unclosed ring")]
    [InlineData("CC(C", 2, "unclosed branch")]
    [InlineData("CC)C", 2, "without a matching")]
    [InlineData("C()C", 2, "empty branch")]
    [InlineData("CXC", 1, "unknown organic-subset element")]
    [InlineData("C[Xx]", 2, "unknown element")]
    [InlineData("C[zz]", 2, "unknown aromatic element")]
    [InlineData("[C+-]", 3, "expected ']'")]
    [InlineData("[C+99]", 3, "out of range")]
    [InlineData("[CH3", 0, "unclosed bracket")]
    [InlineData("CC=", 2, "at the end")]
    [InlineData("C==C", 2, "two bond symbols")]
    [InlineData("=C", 0, "must follow an atom")]
    [InlineData("1CC", 0, "must follow an atom")]
    [InlineData("C11", 2, "itself")]
    [InlineData("C12CC12", 6, "duplicates")]
    [InlineData("C%1C", 2, "two digits")]
    [InlineData("C%(12C", 5, "expected ')'")]
    [InlineData("C%()C", 3, "ring-closure number")]
    [InlineData("[Fe+++]", 5, "'+3'")]
    [InlineData("C((C))C", 2, "must follow an atom")]
    [InlineData("C->[Fe]", 1, "dative")]
    [InlineData("C..C", 2, "expected an atom before '.'")]
    [InlineData("C.", 2, "expected an atom at the end")]
    [InlineData("C(.C)", 2, "expected an atom before '.'")]
    [InlineData("C@C", 1, "unexpected character")]
    [InlineData("[C@TH3]", 2, "out of range")]
    [InlineData("[999999999C]", 1, "too large")]
    public void Bad_smiles_report_position_and_what_was_expected(string smiles, int position, string fragment)
    {
        var e = Assert.Throws<SmilesParseException>(() => SmilesReader.ParseRaw(smiles));
        Assert.Equal(position, e.Position);
        Assert.Contains(fragment, e.Problem, StringComparison.Ordinal);
        Assert.Contains($"at position {position}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_an_argument_error_not_a_parse_error()
    {
        Assert.Throws<ArgumentNullException>(() => SmilesReader.ParseRaw(null!));
    }
}
