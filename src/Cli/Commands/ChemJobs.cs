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
        ForEachLine(path, terminal, "canonicalising", molecule => CanonicalSmiles.Of(molecule));

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
        var (head, reader) = ReplayReader.Sniff(input, 4);
        var format = from == "auto" ? (LooksLikeMolfile(head) ? "sdf" : "smiles") : from;
        var version = v3000 ? MolfileVersion.V3000 : MolfileVersion.V2000;
        var failed = 0;
        var written = 0;
        var sdf = new SdfWriter(terminal.Out, version);

        void Fail(int record, string reason)
        {
            terminal.Error.WriteLine($"record {record}: {reason}");
            failed++;
            if (to == "smiles") terminal.Out.WriteLine();
        }

        void Emit(int record, Molecule molecule)
        {
            switch (to)
            {
                case "smiles":
                    var smiles = CanonicalSmiles.Of(molecule);
                    terminal.Out.WriteLine(string.IsNullOrEmpty(molecule.Name) ? smiles : $"{smiles} {molecule.Name}");
                    break;
                case "sdf":
                    sdf.Write(molecule);
                    break;
                default: // mol: a molfile holds exactly one molecule
                    if (written > 0)
                    {
                        terminal.Error.WriteLine($"record {record}: --to mol writes one molecule and the input has more; use --to sdf");
                        failed++;
                        return;
                    }
                    terminal.Out.Write(MolfileWriter.Write(molecule, version));
                    break;
            }
            written++;
        }

        LineProgress.Run(terminal, "converting", length, advance =>
        {
            if (format == "smiles")
            {
                foreach (var line in MoleculeLines.Read(reader))
                {
                    if (line.Smiles.Length == 0) Fail(line.Number, "no SMILES on this line");
                    else if (MoleculeInput.TryRead(line.Smiles, out var molecule, out var reason))
                    {
                        molecule.Name ??= line.Name;
                        Emit(line.Number, molecule);
                    }
                    else Fail(line.Number, reason);
                    advance(line.BytesSoFar);
                }
            }
            else
            {
                var options = new SdfReadOptions { SkipBadRecords = true, OnSkippedRecord = e => Fail(e.RecordIndex + 1, e.Error.Message) };
                var sdfReader = new SdfReader(reader, options);
                var read = 0;
                foreach (var molecule in sdfReader)
                    Emit(sdfReader.SkippedRecords.Count + ++read, molecule);
            }
            return 0;
        });
        terminal.Out.Flush();
        return failed == 0 ? ExitCodes.Ok : ExitCodes.SomeInputsFailed;
    }

    /// <summary>A molfile's fourth line is its counts line, which names the version.</summary>
    private static bool LooksLikeMolfile(IReadOnlyList<string> head) =>
        head.Count >= 4 && (head[3].Contains("V2000", StringComparison.Ordinal) || head[3].Contains("V3000", StringComparison.Ordinal));

    /// <summary>Reads SMILES lines, writes exactly one output line per input line; failures give an empty line
    /// and 'line N: reason' on stderr.</summary>
    private static int ForEachLine(string? path, Terminal terminal, string title, Func<Molecule, string> render)
    {
        var (reader, length) = InputSource.Open(path, terminal);
        using var _ = reader == terminal.In ? null : reader;
        var failed = 0;
        LineProgress.Run(terminal, title, length, advance =>
        {
            foreach (var line in MoleculeLines.Read(reader))
            {
                string output;
                if (line.Smiles.Length == 0)
                {
                    output = "";
                    terminal.Error.WriteLine($"line {line.Number}: no SMILES on this line");
                    failed++;
                }
                else if (MoleculeInput.TryRead(line.Smiles, out var molecule, out var reason))
                {
                    output = render(molecule);
                }
                else
                {
                    output = "";
                    terminal.Error.WriteLine($"line {line.Number}: {reason}");
                    failed++;
                }
                terminal.Out.WriteLine(output);
                advance(line.BytesSoFar);
            }
            return 0;
        });
        terminal.Out.Flush();
        return failed == 0 ? ExitCodes.Ok : ExitCodes.SomeInputsFailed;
    }
}
