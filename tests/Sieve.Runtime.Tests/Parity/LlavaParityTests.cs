using System.Globalization;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Interop;
using Sieve.Runtime.Models;
using Sieve.Runtime.Tests.Loading;
using Sieve.Runtime.Tests.Models;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Parity;

/// <summary>
/// Numerical parity with an independent float64 reference of HF's LlavaForConditionalGeneration on tiny checkpoints
/// this suite writes: prefill logits within 1e-4 (F32 runtime) and identical greedy tokens. Setting
/// SIEVE_PARITY_OUT=DIR also leaves each case's checkpoint, pixels and ids there for the reference script.
/// </summary>
public sealed class LlavaParityTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases => new(ParityCase.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Prefill_logits_and_greedy_tokens_match_the_reference(string name)
    {
        var c = ParityCase.All.Single(x => x.Name == name);
        using var scratch = new ScratchFolder();
        var folder = Environment.GetEnvironmentVariable("SIEVE_PARITY_OUT") is { Length: > 0 } keep
            ? Path.Combine(keep, c.Name) : scratch.File(c.Name);
        TinyCheckpoint.Write(folder, c.Layout, tied: c.Tied, kvHeads: c.KvHeads);
        using var pixels = TinyLlava.Pixels(c.Images);
        NumpyFile.Write(Path.Combine(folder, "pixels.npy"), pixels);
        File.WriteAllText(Path.Combine(folder, "input_ids.txt"), string.Join(",", c.InputIds));

        using var model = LlavaModel.Load(folder, new RuntimeOptions());
        using var expected = NumpyFile.Read(Data(c.Name + ".logits.npy"));
        float maxDelta;
        using (no_grad())
        using (NewDisposeScope())
        {
            using var cache = model.NewCache();
            var (embeds, _) = model.EmbedPrompt(c.InputIds, model.EncodeImages(pixels));
            var logits = model.Forward(embeds, cache, allRows: true).Logits;
            Assert.Equal(expected.shape, logits.shape);
            maxDelta = (logits - expected).abs().max().item<float>();
        }
        output.WriteLine($"{c.Name}: max |Δlogit| = {maxDelta:E2} over {expected.shape[0]}×{expected.shape[1]} logits");
        Assert.True(maxDelta < 1e-4f, $"max |Δlogit| {maxDelta}");

        var tokens = Generate.Tokens(model, c.InputIds, pixels, new SamplingOptions { MaxNewTokens = ParityCase.GreedyTokens }).Tokens;
        var expectedTokens = File.ReadAllText(Data(c.Name + ".tokens.txt")).Trim().Split(',')
            .Select(s => long.Parse(s, CultureInfo.InvariantCulture));
        Assert.Equal(expectedTokens, tokens);
    }

    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "Parity", "data", file);
}
