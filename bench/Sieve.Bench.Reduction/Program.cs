using System.Globalization;
using Sieve.Runtime;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Loading.Configs;
using Sieve.Runtime.Models;
using Sieve.Runtime.Reduction;
using static TorchSharp.torch;

// Vision-token reduction on a LLaVA-1.5-shaped model scaled to this CPU: one image of 576 tokens (ViT/14 at 336 px)
// and a short question, prefill time and greedy decode tokens/s for every method at 192/128/64 kept image tokens,
// beside the speedup the FLOPs of the layer shapes predict. The decoder keeps LLaVA-1.5-7B's depth (32 layers, so
// pruning at K = 2 leaves the same share of layers at full length) and is narrowed to fit two cores; the vision tower
// is small because its time is the same for every decoder-side method (it is reported, not part of prefill).
// Weights are random: speed does not depend on their values.
// Runs are interleaved (every spec once per round, best of the rounds), so a busy machine slows all specs alike.
// Usage: bench/reduction.sh [--layers 32] [--hidden 256] [--text-tokens 64] [--new-tokens 8] [--reps 2] [--threads N]

int layers = Option("--layers", 32), hidden = Option("--hidden", 256), textTokens = Option("--text-tokens", 64);
int newTokens = Option("--new-tokens", 8), reps = Option("--reps", 2), threads = Option("--threads", 0);
TorchRuntime.EnsureLoadable();
if (threads > 0) set_num_threads(threads);
var config = new LlavaConfig
{
    VisionConfig = new ClipVisionConfig
    {
        HiddenSize = 256, IntermediateSize = 1024, NumHiddenLayers = 2, NumAttentionHeads = 4, ImageSize = 336, PatchSize = 14,
    },
    TextConfig = new LlamaConfig
    {
        VocabSize = 32064, HiddenSize = hidden, IntermediateSize = hidden * 11 / 4, NumHiddenLayers = layers,
        NumAttentionHeads = hidden / 64, NumKeyValueHeads = hidden / 64, HeadDim = 64, RmsNormEps = 1e-5,
    },
    ImageTokenIndex = 32000,
};
var t = config.TextConfig;
Console.WriteLine($"model: Llama {t.NumHiddenLayers}×{t.HiddenSize} (ffn {t.IntermediateSize}, {t.NumAttentionHeads} heads), " +
    $"CLIP {config.VisionConfig.NumHiddenLayers}×{config.VisionConfig.HiddenSize} at 336 px; F32; torch threads {get_num_threads()}");

var prompt = new List<long> { 1, config.ImageTokenIndex };
var random = new Random(1);
while (prompt.Count < textTokens + 2) prompt.Add(random.Next(3, 32000));
long fullRows = prompt.Count - 1 + 576;
Console.WriteLine($"prompt: 576 image + {prompt.Count - 1} text tokens = {fullRows} rows; {newTokens} new tokens, greedy; best of {reps}");

using var model = new LlavaModel(config, ScalarType.Float32, CPU);
Randomize(model);
using var pixels = randn(1, 3, 336, 336);
var options = new SamplingOptions { MaxNewTokens = newTokens };

string[] specs =
[
    "none",
    "dart:192", "dart:192:mode=exact", "fastv:192", "random:192",
    "dart:128", "dart:128:mode=exact", "fastv:128", "random:128", "pool:2",
    "dart:64", "dart:64:mode=exact", "fastv:64", "random:64", "pool:3",
];
Run("none", options with { MaxNewTokens = 2 });   // warm-up
var best = new Dictionary<string, GenerationTimings>();
for (int round = 0; round < reps; round++)
    foreach (var spec in specs)
    {
        var timings = Run(spec, options);
        if (!best.TryGetValue(spec, out var b) || timings.PrefillMs < b.PrefillMs) best[spec] = timings;
    }
double baseline = best["none"].PrefillMs, baseFlops = PrefillFlops.Of(t, fullRows, fullRows, 0);
Console.WriteLine($"{"spec",-22} {"image",6} {"prefill ms",11} {"speedup",8} {"FLOPs-pred.",12} {"decode tok/s",13} {"vision ms",10}");
foreach (var spec in specs)
{
    var timing = best[spec];
    var reducers = ReductionSpec.Parse(spec).Build();
    long keptImage = timing.Reduction?.KeptImageTokens ?? 576;
    long keptRows = fullRows - 576 + keptImage;
    // Encoder-side methods shorten every layer; decoder-side ones the layers from K.
    int layerK = reducers.Vision is not null ? 0 : reducers.Decoder?.Layer ?? 0;
    double predicted = baseFlops / PrefillFlops.Of(t, reducers.Vision is not null ? keptRows : fullRows, keptRows, layerK);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{spec,-22} {keptImage,6} {timing.PrefillMs,11:F0} {baseline / timing.PrefillMs,7:F2}× {predicted,11:F2}× {timing.DecodeTokensPerSecond,13:F2} {timing.VisionMs,10:F0}"));
}
return 0;

GenerationTimings Run(string spec, SamplingOptions sampling)
{
    var reducers = ReductionSpec.Parse(spec).Build();
    using var generator = new TokenGenerator(model, sampling) { VisionReducer = reducers.Vision, DecoderReducer = reducers.Decoder };
    generator.Prefill(prompt, pixels);
    while (!generator.Finished) generator.Next();
    return generator.Timings;
}

int Option(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
}

// N(0, 1/fan_in) weights keep activations in range.
static void Randomize(nn.Module model)
{
    using var noGrad = no_grad();
    foreach (var (name, p) in model.named_parameters())
    {
        using var scope = NewDisposeScope();
        var noise = randn(p.shape, ScalarType.Float32);
        p.copy_(p.dim() == 1 ? (name.EndsWith("bias", StringComparison.Ordinal) ? noise * 0.02 : 1 + noise * 0.02)
            : noise / Math.Sqrt(p.shape[^1]));
    }
}
