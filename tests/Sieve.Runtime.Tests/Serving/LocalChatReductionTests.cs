using Microsoft.Extensions.AI;
using Sieve.Runtime.Reduction;
using Sieve.Runtime.Serving;
using Sieve.Runtime.Tests.Loading;

namespace Sieve.Runtime.Tests.Serving;

/// <summary>
/// The chat client applies vision-token reduction: the model's <c>Runtime:Reduction</c> by default, a request's own
/// spec under <see cref="LocalChatClient.ReduceOption"/>; the usage says how many image tokens went on, and cached
/// prefixes are reused only under the reduction that computed them.
/// </summary>
public sealed class LocalChatReductionTests : IDisposable
{
    // The tiny model's image is 56 px in 14 px patches: 16 image tokens.
    private const long ImageTokens = 16;
    private static readonly ChatOptions Greedy = new() { Temperature = 0, MaxOutputTokens = 4 };
    private readonly ScratchFolder _dir = new();

    public LocalChatReductionTests() => TinyChatFolder.Write(_dir);

    public void Dispose() => _dir.Dispose();

    private static List<ChatMessage> AskAboutImage() =>
    [
        new(ChatRole.User, [new DataContent(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "preprocess-input.png")), "image/png"),
            new TextContent("What is drawn here?")]),
    ];

    private static ChatOptions Reduce(string spec) => new()
    {
        Temperature = 0, MaxOutputTokens = 4,
        AdditionalProperties = new AdditionalPropertiesDictionary { [LocalChatClient.ReduceOption] = spec },
    };

    private static long Kept(ChatResponse response) => response.Usage!.AdditionalCounts![LocalChatClient.ImageTokensKeptCount];

    [Fact]
    public async Task The_configured_reduction_applies_to_every_request_and_the_usage_counts_the_image_tokens_kept()
    {
        using var model = LocalChatModel.Load(_dir.Path, new RuntimeOptions
        {
            Reduction = new ReductionOptions { Method = "random", Budget = 6, Layer = 1, Options = new() { ["seed"] = "3" } },
        });
        using var unreduced = LocalChatModel.Load(_dir.Path, new RuntimeOptions());

        var reduced = await new LocalChatClient(model).GetResponseAsync(AskAboutImage(), Greedy);
        var plain = await new LocalChatClient(unreduced).GetResponseAsync(AskAboutImage(), Greedy);

        Assert.Equal(ImageTokens, reduced.Usage!.AdditionalCounts![LocalChatClient.ImageTokensCount]);
        Assert.Equal(6, Kept(reduced));
        // The prompt is the same length (pruned rows keep their positions); only what layers ≥ K see shrinks.
        Assert.Equal(plain.Usage!.InputTokenCount, reduced.Usage.InputTokenCount);
        Assert.Null(plain.Usage.AdditionalCounts);
    }

    [Fact]
    public async Task A_request_names_its_own_reduction_and_a_bad_spec_is_refused_by_name()
    {
        using var model = LocalChatModel.Load(_dir.Path, new RuntimeOptions());
        var client = new LocalChatClient(model);

        Assert.Equal(4, Kept(await client.GetResponseAsync(AskAboutImage(), Reduce("random:4:k=1:seed=1"))));
        var e = await Assert.ThrowsAsync<ReductionSpecException>(() => client.GetResponseAsync(AskAboutImage(), Reduce("dart:lots")));
        Assert.Contains("dart:lots", e.Message);
    }

    [Fact]
    public async Task A_cached_prefix_is_reused_under_its_own_reduction_only()
    {
        using var model = LocalChatModel.Load(_dir.Path, new RuntimeOptions());
        var client = new LocalChatClient(model);
        var messages = AskAboutImage();
        var first = await client.GetResponseAsync(messages, Reduce("random:4:k=1:seed=1"));
        messages.AddRange(first.Messages);
        messages.Add(new ChatMessage(ChatRole.User, "And its colour?"));

        var otherReduction = await client.GetResponseAsync(messages, Reduce("none"));
        var sameReduction = await client.GetResponseAsync(messages, Reduce("random:4:k=1:seed=1"));

        Assert.Equal(0, otherReduction.Usage!.CachedInputTokenCount);
        // The pruned first turn is continued: its whole prompt comes from the cache, the kept count with it.
        Assert.InRange(sameReduction.Usage!.CachedInputTokenCount!.Value, first.Usage!.InputTokenCount!.Value,
            sameReduction.Usage.InputTokenCount!.Value - 1);
    }

    [Fact]
    public void A_bad_configured_reduction_is_a_named_runtime_option_problem()
    {
        var options = new RuntimeOptions { Reduction = new ReductionOptions { Method = "sharpen", Budget = 8 } };
        Assert.Contains(options.Validate(), p => p.Contains("Runtime:Reduction") && p.Contains("sharpen"));
    }
}
