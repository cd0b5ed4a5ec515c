using System.Threading.Channels;

namespace Sieve.Server.Jobs;

/// <summary>Job ids waiting for a worker. Unbounded: the table, not the queue, is the record of what must run.</summary>
public sealed class JobQueue
{
    private readonly Channel<string> _ids = Channel.CreateUnbounded<string>();

    public void Enqueue(string id) => _ids.Writer.TryWrite(id);

    public ChannelReader<string> Reader => _ids.Reader;
}
