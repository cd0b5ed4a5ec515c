using System.CommandLine;
using Sieve.Cli.Io;

namespace Sieve.Cli.Commands;

/// <summary><c>sieve markush parse|match</c>: Markush claims of a patent package, and molecules against them.</summary>
public static class MarkushCommand
{
    public static Command Create(Func<Terminal> terminal)
    {
        var markush = new Command("markush",
            "Markush claims: read a patent package's claims into Markush structures, and decide whether molecules are covered.");
        markush.Add(Parse(terminal));
        markush.Add(Match(terminal));
        return markush;
    }

    private static Option<string> PatentOption() => new("--patent")
    {
        Description = "Patent package folder: claims.txt, formulas/ (I.cxsmi, I.mol), optional patent.json (see samples/patents/README.md).",
        Required = true,
    };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print JSON instead of text." };

    private static Command Parse(Func<Terminal> terminal)
    {
        var patent = PatentOption();
        var json = JsonOption();
        var command = new Command("parse",
            "Print the Markush structure each claim defines: scaffold, the definition of every variable, provisos, and " +
            "the claim text that could not be read (kept and reported, never dropped).") { patent, json };
        command.SetAction(parse => CliErrors.Guard(terminal(),
            t => MarkushJobs.Parse(parse.GetRequiredValue(patent), parse.GetValue(json), t)));
        return command;
    }

    private static Command Match(Func<Terminal> terminal)
    {
        var patent = PatentOption();
        var json = JsonOption();
        var molecule = new Option<string?>("--molecule") { Description = "The molecule as SMILES." };
        var molecules = new Option<string?>("--molecules")
        {
            Description = "A file of molecules (SMILES lines or SDF): one JSON line per molecule, in input order.",
        };
        var claim = new Option<int?>("--claim") { Description = "Evaluate only this claim (and the claims that depend on it)." };
        var command = new Command("match",
            "Is the molecule covered by the patent's Markush claims? Prints the verdict per independent claim (covered, " +
            "not covered, undetermined), the narrowest dependent claim that still covers, and the evidence R-group by " +
            "R-group. Exit 0 when every molecule was evaluated, 2 when any could not be read.")
        {
            patent, molecule, molecules, claim, json,
        };
        command.Validators.Add(result =>
        {
            var one = result.GetValue(molecule) is not null;
            var many = result.GetValue(molecules) is not null;
            if (one == many)
                result.AddError("give exactly one of --molecule SMILES or --molecules FILE");
        });
        command.SetAction(parse => CliErrors.Guard(terminal(), t => parse.GetValue(molecule) is { } smiles
            ? MarkushJobs.MatchOne(parse.GetRequiredValue(patent), smiles, parse.GetValue(claim), parse.GetValue(json), t)
            : MarkushJobs.MatchMany(parse.GetRequiredValue(patent), parse.GetValue(molecules)!, parse.GetValue(claim), t)));
        return command;
    }
}
