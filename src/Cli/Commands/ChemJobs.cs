using Sieve.Chemistry;
using Sieve.Chemistry.Canonical;
using Sieve.Chemistry.Molfile;
using Sieve.Chemistry.Smarts;
using Sieve.Chemistry.Smiles;
using Sieve.Chemistry.Substructure;
using Sieve.Cli.Io;

namespace Sieve.Cli.Commands;

/// <summary>The line-by-line work behind <c>sieve chem</c>; separate from argument parsing so tests drive it directly.</summary>
public static class ChemJobs
{
    public static int Canonical(string? path, Terminal terminal) =>
        ForEachLine(path, terminal, "canonicalising", CanonicalSmiles.OfWithExtensions);

    public static int Match(string smarts, string? path, Terminal terminal)
    {
        QueryMolecule query;
        try
        {
            query = SmartsReader.Read(smarts);
        }
        catch (SmartsParseException e)
        {
            throw new CliInputException($"--smarts: {e.Message}");
        }
        // Count every match, as RDKit's GetSubstructMatches(uniquify=True) would with no cap.
        var options = new SubstructureOptions { Uniquify = true, MaxMatches = int.MaxValue };
        return ForEachLine(path, terminal, "matching",
            molecule => SubstructureSearch.FindMatches(molecule, query, options).Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>SMILES, molfile and SDF in any direction. Records stream through one at a time; a failed record is
    /// reported as 'record N: reason' on stderr (and leaves an empty line in SMILES output, so lines still align).</summary>
    public static int Convert(string? path, string to, string from, bool v3000, Terminal terminal)
    {
        var (input, length) = InputSource.Open(path, terminal);
        using var _ = input == terminal.In ? null : input;
        var version = v3000 ? MolfileVersion.V3000 : MolfileVersion.V2000;
        var sdf = new SdfWriter(terminal.Out, version);
        var failed = 0;
        var written = 0;
        LineProgress.Run(terminal, "converting", length, advance =>
        {
            foreach (var record in MoleculeRecords.Read(input, from))
            {
                advance(record.BytesSoFar);
                if (record.Molecule is not { } molecule)
                {
                    terminal.Error.WriteLine($"record {record.Number}: {record.Error}");
                    failed++;
                    if (to == "smiles") terminal.Out.WriteLine(); // keep output lines aligned with input records
                    continue;
                }
                switch (to)
                {
                    case "smiles":
                        var smiles = CanonicalSmiles.OfWithExtensions(molecule);
                        terminal.Out.WriteLine(string.IsNullOrEmpty(molecule.Name) ? smiles : $"{smiles} {molecule.Name}");
                        break;
                    case "sdf":
                        sdf.Write(molecule);
                        break;
                    default: // mol: a molfile holds exactly one molecule
                        if (written > 0)
                        {
                            terminal.Error.WriteLine($"record {record.Number}: --to mol writes one molecule and the input has more; use --to sdf");
                            failed++;
                            continue;
                        }
                        terminal.Out.Write(MolfileWriter.Write(molecule, version));
                        break;
                }
                written++;
            }
            return 0;
        });
        terminal.Out.Flush();
        return failed == 0 ? ExitCodes.Ok : ExitCodes.SomeInputsFailed;
    }

    /// <summary>Reads SMILES lines, writes exactly one output line per input line; failures give an empty line
    /// and 'line N: reason' on stderr.</summary>
    private static int ForEachLine(string? path, Terminal terminal, string title, Func<Molecule, string> render)
    {
        var (reader, length) = InputSource.Open(path, terminal);
        using var _ = reader == terminal.In ? null : reader;
        var failed = 0;
        LineProgress.Run(terminal, title, length, advance =>
        {
            foreach (var record in MoleculeRecords.Read(reader, "smiles"))
            {
                if (record.Molecule is { } molecule)
                    terminal.Out.WriteLine(render(molecule));
                else
                {
                    terminal.Out.WriteLine();
                    terminal.Error.WriteLine($"line {record.Number}: {record.Error}");
                    failed++;
                }
                advance(record.BytesSoFar);
            }
            return 0;
        });
        terminal.Out.Flush();
        return failed == 0 ? ExitCodes.Ok : ExitCodes.SomeInputsFailed;
    }
}
