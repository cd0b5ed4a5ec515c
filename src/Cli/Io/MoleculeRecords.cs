using Sieve.Chemistry;
using Sieve.Chemistry.Molfile;

namespace Sieve.Cli.Io;

/// <summary>One input record: a SMILES line or an SD record, read or failed.</summary>
/// <param name="Number">1-based record number (the line number for SMILES input).</param>
/// <param name="Smiles">The SMILES as written (SMILES input only).</param>
/// <param name="Error">Why the record could not be read; null when <paramref name="Molecule"/> is set.</param>
/// <param name="BytesSoFar">Approximate input consumed so far, for progress.</param>
public readonly record struct MoleculeRecord(int Number, Molecule? Molecule, string? Smiles, string? Error, long BytesSoFar);

/// <summary>Streams molecules from SMILES lines or SDF/molfile records, in input order, failures included, so
/// every command that takes a molecule file reads it the same way.</summary>
public static class MoleculeRecords
{
    /// <summary><paramref name="format"/>: auto (a molfile is recognised by its counts line, <see cref="MolfileDetection"/>), smiles, mol or sdf.</summary>
    public static IEnumerable<MoleculeRecord> Read(TextReader input, string format)
    {
        var (head, reader) = ReplayReader.Sniff(input, MolfileDetection.HeadLines);
        var sdf = format is "sdf" or "mol" || (format == "auto" && MolfileDetection.LooksLikeMolfile(head));
        return sdf ? FromSdf(reader) : FromSmiles(reader);
    }

    private static IEnumerable<MoleculeRecord> FromSmiles(ReplayReader reader)
    {
        foreach (var line in MoleculeLines.Read(reader))
        {
            if (line.Smiles.Length == 0)
                yield return new(line.Number, null, "", "no SMILES on this line", reader.CharsRead);
            else if (MoleculeInput.TryRead(line.Smiles, out var molecule, out var reason))
            {
                molecule.Name ??= line.Name;
                yield return new(line.Number, molecule, line.Smiles, null, reader.CharsRead);
            }
            else
                yield return new(line.Number, null, line.Smiles, reason, reader.CharsRead);
        }
    }

    private static IEnumerable<MoleculeRecord> FromSdf(ReplayReader reader)
    {
        // Bad records are reported through the callback while the reader moves on; queue them so they come out
        // in their place in the file.
        var skipped = new Queue<SdfRecordError>();
        var sdf = new SdfReader(reader, new SdfReadOptions { SkipBadRecords = true, OnSkippedRecord = skipped.Enqueue });
        var number = 0;
        using var records = sdf.GetEnumerator();
        while (true)
        {
            var more = records.MoveNext();
            while (skipped.TryDequeue(out var bad))
                yield return new(++number, null, null, bad.Error.Message, reader.CharsRead);
            if (!more) yield break;
            yield return new(++number, records.Current, null, null, reader.CharsRead);
        }
    }
}
