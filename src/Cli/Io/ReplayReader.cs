namespace Sieve.Cli.Io;

/// <summary>A reader that first replays lines already read (to sniff the format) and then continues with the
/// underlying reader, so format detection does not need the whole input in memory. Counts what it hands out,
/// for progress.</summary>
public sealed class ReplayReader(IReadOnlyList<string> replayed, TextReader rest) : TextReader
{
    private int _next;

    /// <summary>Characters handed out so far, a newline counted per line (approximately the bytes read).</summary>
    public long CharsRead { get; private set; }

    public override string? ReadLine()
    {
        var line = _next < replayed.Count ? replayed[_next++] : rest.ReadLine();
        if (line is not null) CharsRead += line.Length + 1;
        return line;
    }

    public override int Peek() => throw new NotSupportedException("ReplayReader is read line by line");

    public override int Read() => throw new NotSupportedException("ReplayReader is read line by line");

    /// <summary>Reads up to <paramref name="count"/> lines for sniffing; returns them and a reader that replays them.</summary>
    public static (IReadOnlyList<string> Head, ReplayReader Reader) Sniff(TextReader reader, int count)
    {
        var head = new List<string>(count);
        while (head.Count < count && reader.ReadLine() is { } line)
            head.Add(line);
        return (head, new ReplayReader(head, reader));
    }
}
