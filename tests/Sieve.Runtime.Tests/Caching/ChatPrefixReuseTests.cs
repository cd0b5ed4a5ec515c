using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using Sieve.Runtime.Caching;
using Sieve.Runtime.Serving;
using Sieve.Runtime.Tests.Serving;

namespace Sieve.Runtime.Tests.Caching;

/// <summary>The chat client over a model with a prefix cache: a conversation's later turns compute only what is new.</summary>
public sealed class ChatPrefixReuseTests(TinyChatModelFixture fixture) : IClassFixture<TinyChatModelFixture>
{
    private static readonly ChatOptions Greedy = new() { Temperature = 0, MaxOutputTokens = 10 };

    private static ChatMessage ToolResult(int turn) => new(ChatRole.User,
        $$"""Tool result: {"turn": {{turn}}, "matches": [{"id": "CID-{{turn}}1", "score": 0.{{turn}}7}, {"id": "CID-{{turn}}2", "score": 0.5}]} Which one fits?""");

    /// <summary>Three turns (an image first, then tool-result-like user turns), each sent as the whole conversation.</summary>
    private static async Task<List<ChatResponse>> Converse(IChatClient client)
    {
        var png = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "preprocess-input.png"));
        var messages = new List<ChatMessage> { new(ChatRole.User, [new DataContent(png, "image/png"), new TextContent("Describe it.")]) };
        var responses = new List<ChatResponse>();
        for (int turn = 1; turn <= 3; turn++)
        {
            var response = await client.GetResponseAsync(messages, Greedy);
            responses.Add(response);
            messages.AddRange(response.Messages);
            messages.Add(ToolResult(turn));
        }
        return responses;
    }

    [Fact]
    public async Task Later_turns_compute_only_the_new_tokens_and_answer_as_without_the_cache()
    {
        using var uncachedModel = LocalChatModel.Load(fixture.Folder, new RuntimeOptions { PrefixCache = new PrefixCacheOptions { MaxBytes = 0 } });
        var measured = new List<(string Name, long Value)>();
        var name = Path.GetFileName(fixture.Folder);
        List<ChatResponse> cached;
        using (Listen(measured, name))   // both models have the folder's name: listen to the cached one only
            cached = await Converse(new LocalChatClient(fixture.Model));
        var uncached = await Converse(new LocalChatClient(uncachedModel));

        Assert.Equal(uncached.Select(r => r.Text), cached.Select(r => r.Text));
        Assert.All(uncached, r => Assert.Null(r.Usage!.CachedInputTokenCount));
        Assert.Equal(0, cached[0].Usage!.CachedInputTokenCount);   // looked, found nothing
        for (int turn = 1; turn < 3; turn++)
        {
            var before = cached[turn - 1].Usage!;
            var usage = cached[turn].Usage!;
            Assert.Equal(uncached[turn].Usage!.InputTokenCount, usage.InputTokenCount);
            // The whole previous prompt (its image included) is reused; only rows after it are computed.
            Assert.InRange(usage.CachedInputTokenCount!.Value, before.InputTokenCount!.Value, usage.InputTokenCount!.Value - 1);
        }
        Assert.Equal(2, fixture.Model.PrefixCache.Hits);
        Assert.Equal(1, fixture.Model.PrefixCache.Count);           // each turn's sequence replaced the one it extends

        long reused = cached.Sum(r => r.Usage!.CachedInputTokenCount!.Value), prompt = cached.Sum(r => r.Usage!.InputTokenCount!.Value);
        lock (measured)
        {
            Assert.Equal(2, measured.Where(m => m.Name == "sieve.runtime.prefix_cache.hits").Sum(m => m.Value));
            Assert.Equal(1, measured.Where(m => m.Name == "sieve.runtime.prefix_cache.misses").Sum(m => m.Value));
            Assert.Equal(reused, measured.Where(m => m.Name == "sieve.runtime.prefix_cache.reused_tokens").Sum(m => m.Value));
            Assert.Equal(prompt - reused, measured.Where(m => m.Name == "sieve.runtime.prefix_cache.computed_tokens").Sum(m => m.Value));
            Assert.Equal(fixture.Model.PrefixCache.Bytes, measured.Where(m => m.Name == "sieve.runtime.prefix_cache.size").Sum(m => m.Value));
        }
    }

    private static MeterListener Listen(List<(string Name, long Value)> measured, string model)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RuntimeMetrics.MeterName) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var t in tags)
                if (t.Key == "model" && (string?)t.Value == model)
                    lock (measured) measured.Add((instrument.Name, value));
        });
        listener.Start();
        return listener;
    }
}
