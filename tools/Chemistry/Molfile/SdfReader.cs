using System.Collections;
using System.Text;

namespace Sieve.Chemistry.Molfile;

/// <summary>How <see cref="SdfReader"/> treats records.</summary>
public sealed record SdfReadOptions
{
    /// <summary>Skip a record that cannot be read (reporting it in <see cref="SdfReader.SkippedRecords"/>
    /// and <see cref="OnSkippedRecord"/>) instead of throwing.</summary>
    public bool SkipBadRecords { get; init; }

    /// <summary>Run perception on each record (default, as RDKit's SDMolSupplier).</summary>
    public bool Sanitize { get; init; } = true;

    /// <summary>Called for each skipped record, as it is skipped.</summary>
    public Action<SdfRecordError>? OnSkippedRecord { get; init; }
}

/// <summary>A record <see cref="SdfReader"/> could not read: its 0-based index in the file and the error
/// (whose Position is the line in the whole file).</summary>
public sealed record SdfRecordError(int RecordIndex, MolfileParseException Error);

/// <summary>Streams the molecules of an SD file, one record at a time: the molfile, then its data items
/// (<c>&gt;  &lt;NAME&gt;</c> with value lines up to a blank line) into <see cref="Molecule.Properties"/>,
/// up to the <c>$$$$</c> line. Enumerate once.</summary>
public sealed class SdfReader(TextReader reader, SdfReadOptions? options = null) : IEnumerable<Molecule>
{
    private readonly SdfReadOptions _options = options ?? new SdfReadOptions();
    private readonly List<SdfRecordError> _skipped = [];
    private bool _started;

    /// <summary>Records skipped so far (only with <see cref="SdfReadOptions.SkipBadRecords"/>).</summary>
    public IReadOnlyList<SdfRecordError> SkippedRecords => _skipped;

    /// <summary>Reads every record of <paramref name="text"/>, throwing on the first bad one.</summary>
    public static List<Molecule> ReadAll(string text) => [.. new SdfReader(new StringReader(text))];

    public IEnumerator<Molecule> GetEnumerator()
    {
        if (_started) throw new InvalidOperationException("an SdfReader streams its input once");
        _started = true;
        return Records();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerator<Molecule> Records()
    {
        var lines = new List<string>();
        var lineNumber = 0;
        var recordIndex = 0;
        while (true)
        {
            lines.Clear();
            var first = lineNumber + 1;
            string? line;
            var terminated = false;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                if (line.StartsWith("$$$$", StringComparison.Ordinal)) { terminated = true; break; }
                lines.Add(line);
            }
            if (!terminated && lines.TrueForAll(string.IsNullOrWhiteSpace))
                yield break;
            Molecule? molecule = null;
            try
            {
                molecule = ReadRecord(lines, first, _options.Sanitize);
            }
            catch (MolfileParseException e)
            {
                var error = new MolfileParseException(e.Input, e.Position, $"SD record {recordIndex} (0-based, from line {first}): {e.Problem}");
                if (!_options.SkipBadRecords) throw error;
                var report = new SdfRecordError(recordIndex, error);
                _skipped.Add(report);
                _options.OnSkippedRecord?.Invoke(report);
            }
            recordIndex++;
            if (molecule is not null) yield return molecule;
            if (!terminated) yield break;
        }
    }

    private static Molecule ReadRecord(List<string> lines, int firstLine, bool sanitize)
    {
        var cursor = new LineCursor(lines, firstLine);
        var m = MolfileReader.ReadBlock(cursor, sanitize);
        while (!cursor.AtEnd)
        {
            var line = cursor.Next("a data item");
            if (!line.StartsWith('>')) continue;
            var open = line.IndexOf('<');
            var close = open < 0 ? -1 : line.IndexOf('>', open + 1);
            if (close < 0) continue;
            var name = line[(open + 1)..close];
            var value = new StringBuilder();
            while (!cursor.AtEnd && !string.IsNullOrEmpty(cursor.Peek()))
            {
                if (value.Length > 0) value.Append('\n');
                value.Append(cursor.Next("data value"));
            }
            m.Properties.Add(new KeyValuePair<string, string>(name, value.ToString()));
        }
        return m;
    }
}
