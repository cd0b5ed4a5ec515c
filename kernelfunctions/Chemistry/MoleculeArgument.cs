using Sieve.Chemistry;
using Sieve.Chemistry.Perception;
using Sieve.Chemistry.Smarts;
using Sieve.Chemistry.Smiles;
using Sieve.KernelFunctions.Errors;

namespace Sieve.KernelFunctions.Chemistry;

/// <summary>Reads SMILES/SMARTS arguments and turns the core's parse and perception errors into
/// <see cref="ToolInputException"/>s that name the parameter.</summary>
internal static class MoleculeArgument
{
    /// <summary>Longer input is refused rather than parsed: no drug-like molecule needs it and a model that sends it
    /// has pasted something else.</summary>
    public const int MaxLength = 20_000;

    public static Molecule Smiles(string? smiles, string parameter)
    {
        var text = Text(smiles, parameter, "SMILES", "'c1ccccc1O' (phenol)");
        try
        {
            var m = SmilesReader.Read(text);
            if (m.AtomCount == 0) throw new ToolInputException(parameter, "SMILES holds no atoms");
            return m;
        }
        catch (SmilesParseException e)
        {
            throw new ToolInputException(parameter, $"not valid SMILES: {e.Message}");
        }
        catch (MoleculeException e)
        {
            throw new ToolInputException(parameter, $"SMILES parses but is not a valid molecule: {e.Message}");
        }
    }

    public static QueryMolecule Smarts(string? smarts, string parameter)
    {
        var text = Text(smarts, parameter, "SMARTS", "'c1ccccc1' or '[NX3][CX3]=O'");
        try
        {
            return SmartsReader.Read(text);
        }
        catch (SmartsParseException e)
        {
            throw new ToolInputException(parameter, $"not valid SMARTS: {e.Message}");
        }
    }

    private static string Text(string? value, string parameter, string format, string example)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ToolInputException(parameter, $"empty; give a {format} string such as {example}");
        var text = value.Trim();
        if (text.Length > MaxLength) throw new ToolInputException(parameter, $"{text.Length} characters; at most {MaxLength} are accepted");
        return text;
    }
}
