using Sieve.Runtime.Generation;
using Sieve.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Generation;

public sealed class GenerateTests
{
    private static readonly long[] Prompt = [1, 17, TinyLlava.ImageToken, 23, 42, 5];

    [Fact]
    public void Greedy_generation_follows_the_argmax_of_full_recomputation()
    {
        using var model = TinyLlava.Create();
        using var pixels = TinyLlava.Pixels(1);
        var (tokens, timings) = Generate.Tokens(model, Prompt, pixels, new SamplingOptions { MaxNewTokens = 5 });

        Assert.Equal(5, tokens.Count);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (embeds, layout) = model.EmbedPrompt(Prompt, model.EncodeImages(pixels));
        var ids = layout.Ids.ToList();
        foreach (var token in tokens)
        {
            using var cache = model.NewCache();
            var (e, _) = model.EmbedPrompt(ids, model.EncodeImages(pixels));
            Assert.Equal(model.Forward(e, cache).Logits[0].argmax().item<long>(), token);
            ids.Add(token);
        }
        Assert.Equal(layout.Ids.Length, timings.PrefillTokens);
        Assert.Equal(4, timings.DecodeSteps);
        Assert.True(timings.KvBytes > 0);
    }

    [Fact]
    public void Generation_stops_after_a_stop_token_and_includes_it()
    {
        using var model = TinyLlava.Create();
        using var pixels = TinyLlava.Pixels(1);
        var free = Generate.Tokens(model, Prompt, pixels, new SamplingOptions { MaxNewTokens = 6 }).Tokens;
        var stopAt = free[2];
        var firstIndex = free.ToList().IndexOf(stopAt);

        var stopped = Generate.Tokens(model, Prompt, pixels,
            new SamplingOptions { MaxNewTokens = 6, StopTokenIds = new HashSet<long> { stopAt } }).Tokens;

        Assert.Equal(free.Take(firstIndex + 1), stopped);
    }

    [Fact]
    public void Sampling_is_reproducible_for_a_seed_and_a_tiny_top_p_is_greedy()
    {
        using var model = TinyLlava.Create();
        using var pixels = TinyLlava.Pixels(1);
        SamplingOptions Sample(ulong seed, double topP = 1.0, double temperature = 1.5) =>
            new() { Greedy = false, Seed = seed, TopP = topP, Temperature = temperature, MaxNewTokens = 12 };

        var a = Generate.Tokens(model, Prompt, pixels, Sample(1)).Tokens;
        var b = Generate.Tokens(model, Prompt, pixels, Sample(1)).Tokens;
        var others = Enumerable.Range(2, 4).Select(s => Generate.Tokens(model, Prompt, pixels, Sample((ulong)s)).Tokens);
        var greedy = Generate.Tokens(model, Prompt, pixels, new SamplingOptions { MaxNewTokens = 12 }).Tokens;
        var nucleus = Generate.Tokens(model, Prompt, pixels, Sample(3, topP: 1e-6)).Tokens;

        Assert.Equal(a, b);
        Assert.Contains(others, o => !o.SequenceEqual(a));   // a different seed draws differently
        Assert.NotEqual(greedy, a);                            // at temperature 1.5 over 12 steps the draw leaves the argmax path
        Assert.Equal(greedy, nucleus);                         // p → 0 keeps only the most probable token
    }

    [Fact]
    public void Top_p_keeps_the_smallest_set_reaching_the_mass()
    {
        // probabilities 0.5, 0.3, 0.15, 0.05: p = 0.7 keeps {0, 1}; token 2 (mass before it 0.8) is never drawn.
        using var logits = log(tensor(new[] { 0.15f, 0.5f, 0.05f, 0.3f }));
        using var sampler = new TokenSampler(new SamplingOptions { Greedy = false, TopP = 0.7, Seed = 5 });
        var drawn = Enumerable.Range(0, 200).Select(_ => sampler.Next(logits)).ToHashSet();
        Assert.Equal(new HashSet<long> { 1, 3 }, drawn);
    }

    [Fact]
    public async Task Streaming_yields_the_same_tokens_and_reports_timings()
    {
        using var model = TinyLlava.Create();
        using var pixels = TinyLlava.Pixels(1);
        var options = new SamplingOptions { MaxNewTokens = 5 };
        var expected = Generate.Tokens(model, Prompt, pixels, options).Tokens;
        GenerationTimings? timings = null;
        var streamed = new List<long>();
        await foreach (var t in Generate.StreamAsync(model, Prompt, pixels, options, t => timings = t))
            streamed.Add(t);
        Assert.Equal(expected, streamed);
        Assert.NotNull(timings);
        Assert.Equal(4, timings.DecodeSteps);
    }

    [Fact]
    public void Invalid_sampling_options_are_refused_by_name()
    {
        using var model = TinyLlava.Create();
        var e = Assert.Throws<ArgumentException>(() =>
            new TokenGenerator(model, new SamplingOptions { Greedy = false, Temperature = 0, TopP = 1.5, MaxNewTokens = 0 }));
        Assert.Contains("max new tokens is 0", e.Message);
        Assert.Contains("temperature is 0", e.Message);
        Assert.Contains("top-p is 1.5", e.Message);
    }
}
