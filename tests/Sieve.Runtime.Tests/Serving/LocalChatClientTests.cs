using Microsoft.Extensions.AI;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Preprocessing;
using Sieve.Runtime.Serving;
using Sieve.Runtime.Tests.Loading;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Serving;

/// <summary>One tiny chat model loaded from its folder, shared by the tests of a class.</summary>
public sealed class TinyChatModelFixture : IDisposable
{
    private readonly ScratchFolder _dir = new();

    public TinyChatModelFixture()
    {
        TinyChatFolder.Write(_dir);
        Model = LocalChatModel.Load(_dir.Path, new RuntimeOptions());
    }

    public string Folder => _dir.Path;
    public LocalChatModel Model { get; }

    public void Dispose()
    {
        Model.Dispose();
        _dir.Dispose();
    }
}

public sealed class LocalChatClientTests(TinyChatModelFixture fixture) : IClassFixture<TinyChatModelFixture>
{
    private static readonly ChatOptions Greedy = new() { Temperature = 0, MaxOutputTokens = 12 };
    private readonly LocalChatClient _client = new(fixture.Model);

    private static List<ChatMessage> Ask(string text) => [new(ChatRole.User, text)];

    /// <summary>What the generator alone produces for the prompt text, decoded.</summary>
    private (string Text, int Tokens, int PromptTokens) Reference(string prompt, Tensor? pixels = null, int max = 12)
    {
        var model = fixture.Model;
        var ids = model.Tokenizer.Encode(prompt).Select(i => (long)i).ToList();
        var (tokens, timings) = Generate.Tokens(model.Model, ids, pixels,
            new SamplingOptions { MaxNewTokens = max, StopTokenIds = model.StopTokenIds });
        return (model.Tokenizer.Decode(tokens.Select(t => (int)t)), tokens.Count, timings.PrefillTokens);
    }

    [Fact]
    public async Task A_response_is_the_generators_greedy_tokens_for_the_templated_prompt()
    {
        var response = await _client.GetResponseAsync(Ask("What is shown in this image?"), Greedy);

        var (text, tokens, promptTokens) = Reference("USER: What is shown in this image? ASSISTANT:");
        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.DoesNotContain('\uFFFD', text);
        Assert.Equal(text, response.Text);
        Assert.Equal(ChatRole.Assistant, response.Messages.Single().Role);
        Assert.Equal(tokens, response.Usage!.OutputTokenCount);
        Assert.Equal(promptTokens, response.Usage.InputTokenCount);
        Assert.Equal(tokens == 12 ? ChatFinishReason.Length : ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(Path.GetFileName(fixture.Folder), response.ModelId);
    }

    [Fact]
    public async Task An_image_goes_through_the_checkpoints_preprocessing()
    {
        var png = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "preprocess-input.png"));
        var message = new ChatMessage(ChatRole.User, [new DataContent(png, "image/png"), new TextContent("Describe it.")]);
        var response = await _client.GetResponseAsync([message], Greedy);

        using var pixels = fixture.Model.Images.PreprocessBatch([ImageDecoding.Decode(png, "png")]);
        var (text, _, promptTokens) = Reference("USER: <image>\nDescribe it. ASSISTANT:", pixels);
        Assert.Equal(text, response.Text);
        Assert.Equal(promptTokens, response.Usage!.InputTokenCount);   // the image counts as its 16 features
        var textOnly = await _client.GetResponseAsync(Ask("Describe it."), Greedy);
        Assert.True(response.Usage.InputTokenCount > textOnly.Usage!.InputTokenCount + 10);
    }

    [Fact]
    public async Task Streamed_pieces_concatenate_to_the_response()
    {
        var options = new ChatOptions { Temperature = 0.9f, TopP = 0.9f, Seed = 42, MaxOutputTokens = 20 };
        var whole = await _client.GetResponseAsync(Ask("Name a ring."), options);
        var pieces = new List<string>();
        UsageDetails? usage = null;
        await foreach (var update in _client.GetStreamingResponseAsync(Ask("Name a ring."), options))
        {
            pieces.Add(update.Text);
            usage ??= update.Contents.OfType<UsageContent>().SingleOrDefault()?.Details;
        }
        Assert.True(pieces.Count(p => p.Length > 0) > 1, "several pieces were streamed");
        Assert.Equal(whole.Text, string.Concat(pieces));
        Assert.Equal(whole.Usage!.OutputTokenCount, usage!.OutputTokenCount);
    }

    [Fact]
    public async Task The_same_seed_samples_the_same_answer()
    {
        var a = await _client.GetResponseAsync(Ask("Hello"), new ChatOptions { Temperature = 1.2f, Seed = 3, MaxOutputTokens = 16 });
        var b = await _client.GetResponseAsync(Ask("Hello"), new ChatOptions { Temperature = 1.2f, Seed = 3, MaxOutputTokens = 16 });
        Assert.Equal(a.Text, b.Text);
    }

    [Fact]
    public async Task A_stop_sequence_ends_the_answer_before_it()
    {
        var full = (await _client.GetResponseAsync(Ask("What is shown in this image?"), Greedy)).Text;
        var stop = full.Substring(full.Length / 3, 2);
        var cut = await _client.GetResponseAsync(Ask("What is shown in this image?"),
            new ChatOptions { Temperature = 0, MaxOutputTokens = 12, StopSequences = [stop] });
        Assert.Equal(full[..full.IndexOf(stop, StringComparison.Ordinal)], cut.Text);
        Assert.Equal(ChatFinishReason.Stop, cut.FinishReason);
        Assert.True(cut.Usage!.OutputTokenCount < 12, $"'{full}' cut at '{stop}' after {cut.Usage.OutputTokenCount} tokens");
    }

    [Fact]
    public async Task Cancellation_stops_the_decode_loop_and_frees_the_model()
    {
        using var cancel = new CancellationTokenSource();
        int updates = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in _client.GetStreamingResponseAsync(Ask("What is shown in this image?"),
                               new ChatOptions { Temperature = 0, MaxOutputTokens = 4000 }, cancel.Token))
            {
                updates++;
                cancel.Cancel();
            }
        });
        Assert.Equal(1, updates);
        // The turn was given back: the next request runs.
        Assert.False(string.IsNullOrEmpty((await _client.GetResponseAsync(Ask("Hello"), Greedy)).Text));
    }

    [Fact]
    public async Task A_queued_request_can_be_cancelled_and_queued_requests_all_complete()
    {
        var expected = (await _client.GetResponseAsync(Ask("Hello"), Greedy)).Text;
        Task<ChatResponse> first, second, abandoned;
        using var cancel = new CancellationTokenSource();
        using (await fixture.Model.TakeTurnAsync(CancellationToken.None))
        {
            first = _client.GetResponseAsync(Ask("Hello"), Greedy);
            second = new LocalChatClient(fixture.Model).GetResponseAsync(Ask("Hello"), Greedy);
            abandoned = _client.GetResponseAsync(Ask("Hello"), Greedy, cancel.Token);
            await WaitUntil(() => fixture.Model.Waiting == 3);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
            Assert.Equal(2, fixture.Model.Waiting);
            Assert.False(first.IsCompleted || second.IsCompleted);   // they wait for the model
        }
        Assert.Equal(expected, (await first).Text);
        Assert.Equal(expected, (await second).Text);
    }

    [Fact]
    public async Task Invalid_options_are_refused_by_name_before_queueing()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            _client.GetResponseAsync(Ask("Hi"), new ChatOptions { Temperature = 0.5f, TopP = 1.5f, MaxOutputTokens = 0 }));
        Assert.Contains("top-p is 1.5", e.Message);
        Assert.Contains("max new tokens is 0", e.Message);
        Assert.Contains("temperature is -1",
            (await Assert.ThrowsAsync<ArgumentException>(() => _client.GetResponseAsync(Ask("Hi"), new ChatOptions { Temperature = -1 }))).Message);
        var image = new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1, 2, 3 }, "image/png")]);
        await Assert.ThrowsAsync<ImageInputException>(() => _client.GetResponseAsync([image], Greedy));
    }

    [Fact]
    public void The_client_reports_its_metadata_and_model()
    {
        Assert.Equal("sieve-local", _client.GetService<ChatClientMetadata>()!.ProviderName);
        Assert.Same(fixture.Model, _client.GetService<LocalChatModel>());
        Assert.Same(_client, _client.GetService<IChatClient>());
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
            await Task.Delay(10);
        Assert.True(condition());
    }

    [Fact]
    public async Task A_served_turn_is_recorded_on_the_runtime_meter()
    {
        var seen = new List<(string Name, double Value, string? Model)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RuntimeMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        void Record(System.Diagnostics.Metrics.Instrument i, double v, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? model = null;
            foreach (var t in tags) if (t.Key == "model") model = t.Value as string;
            lock (seen) seen.Add((i.Name, v, model));
        }
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();

        var response = await _client.GetResponseAsync(Ask("Hello"), Greedy);

        var name = Path.GetFileName(fixture.Folder);
        List<(string Name, double Value, string? Model)> mine;
        lock (seen) mine = seen.Where(m => m.Model == name).ToList();
        Assert.Equal((double)response.Usage!.InputTokenCount!, mine.Where(m => m.Name == "sieve.runtime.prefill.tokens").Sum(m => m.Value));
        Assert.Equal((double)(response.Usage.OutputTokenCount! - 1), mine.Where(m => m.Name == "sieve.runtime.decode.tokens").Sum(m => m.Value));
        Assert.Contains(mine, m => m.Name == "sieve.runtime.prefill.duration" && m.Value > 0);
        Assert.Contains(mine, m => m.Name == "sieve.runtime.decode.duration");
    }
}
