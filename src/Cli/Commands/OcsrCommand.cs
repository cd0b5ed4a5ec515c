using System.CommandLine;
using Sieve.Cli.Io;

namespace Sieve.Cli.Commands;

/// <summary><c>sieve ocsr IMAGE... [--json]</c>: structure drawings to SMILES / CXSMILES.</summary>
public static class OcsrCommand
{
    public static Command Create(Func<Terminal> terminal)
    {
        var images = new Argument<string[]>("IMAGE") { Description = "PNG, JPEG or TIFF drawings.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json")
        {
            Description = "One JSON object per image: every structure with its confidence and atom coordinates, and the seconds taken.",
        };
        var command = new Command("ocsr",
            "Read molecule and Markush drawings. One output line per image, in order: the canonical SMILES (CXSMILES " +
            "with $R1$-style labels for Markush drawings; several structures joined by '.'), or an empty line with " +
            "'IMAGE: reason' on stderr where nothing could be read. Exit 0 when all were read, 2 when any was not.")
        {
            images, json,
        };
        command.SetAction(parse => CliErrors.Guard(terminal(),
            t => OcsrJobs.Read(parse.GetRequiredValue(images), parse.GetValue(json), t)));
        return command;
    }
}
