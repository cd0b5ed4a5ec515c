namespace Sieve.Cli.Io;

/// <summary>A reader that first replays lines already read (to sniff the format) and then continues with the
/// underlying reader, so format detection does not need the whole input in memory.</summary>
public sealed class ReplayReader(IReadOnlyList<string> replayed, TextReader rest) : TextReader
{
    private int _next;

    public override string? ReadLine() => _next < replayed.Count ? replayed[_next++] : rest.ReadLine();

    public override int Peek() => throw new NotSupportedException("ReplayReader is read line by line");

    public override int Read() => throw new NotSupportedException("ReplayReader is read line by line");

    /// <summary>Reads up to <paramref name="count"/> lines for sniffing; returns them and a reader that replays them.</summary>
    public static (IReadOnlyList<string> Head, TextReader Reader) Sniff(TextReader reader, int count)
    {
        var head = new List<string>(count);
        while (head.Count < count && reader.ReadLine() is { } line)
            head.Add(line);
        return (head, new ReplayReader(head, reader));
    }
}
