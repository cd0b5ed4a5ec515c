using System.CommandLine;
using Sieve.Cli.Io;

namespace Sieve.Cli.Commands;

/// <summary><c>sieve chem canonical|match|convert</c>: line-oriented chemistry for scripts.</summary>
public static class ChemCommand
{
    public static Command Create(Func<Terminal> terminal)
    {
        var chem = new Command("chem", "Chemistry on molecule files: canonical SMILES, SMARTS match counts, format conversion.");
        chem.Add(Canonical(terminal));
        chem.Add(Match(terminal));
        chem.Add(Convert(terminal));
        return chem;
    }

    private static Argument<string?> InputArgument() => new("FILE")
    {
        Description = "Input file; '-' or nothing reads standard input.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static Command Canonical(Func<Terminal> terminal)
    {
        var input = InputArgument();
        var command = new Command("canonical",
            "Write the canonical SMILES of each input line (first token is the SMILES; a following |...| CXSMILES " +
            "extension is kept; the rest is ignored). Exactly one output line per input line: empty where the input " +
            "failed, with 'line N: reason' on stderr. Exit 0 when all parsed, 2 when any failed.") { input };
        command.SetAction(parse => CliErrors.Guard(terminal(), t => ChemJobs.Canonical(parse.GetValue(input), t)));
        return command;
    }

    private static Command Match(Func<Terminal> terminal)
    {
        var input = InputArgument();
        var smarts = new Option<string>("--smarts") { Description = "The SMARTS query.", Required = true };
        var command = new Command("match",
            "Count the unique substructure matches of a SMARTS query (counted as RDKit does with uniquify) in each " +
            "input line's molecule. One output line per input line: the count, or empty where the molecule failed " +
            "('line N: reason' on stderr). Exit 0 when all parsed, 2 when any failed, 1 for an invalid SMARTS.")
        {
            smarts, input,
        };
        command.SetAction(parse => CliErrors.Guard(terminal(),
            t => ChemJobs.Match(parse.GetRequiredValue(smarts), parse.GetValue(input), t)));
        return command;
    }

    private static Command Convert(Func<Terminal> terminal)
    {
        var input = InputArgument();
        var to = new Option<string>("--to") { Description = "Output format: smiles, mol or sdf.", Required = true };
        to.AcceptOnlyFromAmong("smiles", "mol", "sdf");
        var from = new Option<string>("--from")
        {
            Description = "Input format: smiles, mol, sdf, or auto (a molfile is recognised by its V2000/V3000 counts line).",
            DefaultValueFactory = _ => "auto",
        };
        from.AcceptOnlyFromAmong("auto", "smiles", "mol", "sdf");
        var v3000 = new Option<bool>("--v3000") { Description = "Write V3000 molfiles instead of V2000." };
        var command = new Command("convert",
            "Convert between SMILES, molfile and SDF. SMILES output is canonical, one molecule per line with its name. " +
            "A record that fails is skipped with 'record N: reason' on stderr (an empty line in SMILES output). " +
            "Exit 0 when all converted, 2 when any failed.")
        {
            to, from, v3000, input,
        };
        command.SetAction(parse => CliErrors.Guard(terminal(), t => ChemJobs.Convert(
            parse.GetValue(input), parse.GetRequiredValue(to), parse.GetValue(from) ?? "auto", parse.GetValue(v3000), t)));
        return command;
    }
}
