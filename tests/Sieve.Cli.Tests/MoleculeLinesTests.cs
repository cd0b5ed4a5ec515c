using Sieve.Cli.Io;

namespace Sieve.Cli.Tests;

public class MoleculeLinesTests
{
    [Theory]
    [InlineData("CCO ethanol", "CCO", "ethanol")]
    [InlineData("  CCO\tethanol  x ", "CCO", "ethanol  x")]
    [InlineData("*c1ccccc1 |$R1;;;;;;$| phenyl R", "*c1ccccc1 |$R1;;;;;;$|", "phenyl R")]
    [InlineData("", "", null)]
    public void First_token_is_the_smiles_and_a_cxsmiles_extension_stays_with_it(string line, string smiles, string? name)
    {
        var parsed = MoleculeLines.Split(line, 1, 0);
        Assert.Equal(smiles, parsed.Smiles);
        Assert.Equal(name, parsed.Name);
    }
}
