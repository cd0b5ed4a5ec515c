using System.Globalization;
using Sieve.Bench;
using Sieve.Runtime;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Loading;
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
// Runs are interleaved (every spec once per round, best of the rounds), so a busy machine slows all specs alike, and
// prefill is measured twice: wall time and the process's CPU time (vision tower's CPU time subtracted). On a shared
// machine the CPU time is the work itself, wall time includes waiting for a core; libtorch runs on one thread by
// default here so that no thread spins on a barrier while another waits for a core.
// Usage: bench/reduction.sh [--layers 32] [--hidden 256] [--text-tokens 64] [--new-tokens 8] [--reps 2] [--threads 1]

int layers = BenchOptions.Int(args, "--layers", 32), hidden = BenchOptions.Int(args, "--hidden", 256), textTokens = BenchOptions.Int(args, "--text-tokens", 64);
int newTokens = BenchOptions.Int(args, "--new-tokens", 8), reps = BenchOptions.Int(args, "--reps", 2), threads = BenchOptions.Int(args, "--threads", 1);
TorchRuntime.EnsureLoadable();
set_num_threads(threads);
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
SyntheticLlavaCheckpoint.Fill(model);
using var pixels = randn(1, 3, 336, 336);
var options = new SamplingOptions { MaxNewTokens = newTokens };

string[] specs =
[
    "none",
    "dart:192", "dart:192:mode=exact", "fastv:192", "random:192",
    "dart:128", "dart:128:mode=exact", "fastv:128", "random:128", "pool:2",
    "dart:64", "dart:64:mode=exact", "fastv:64", "random:64", "pool:3",
];
double visionCpuMs = 0;
Run("none", options with { MaxNewTokens = 2 });   // warm-up
visionCpuMs = VisionCpuMs();
var best = new Dictionary<string, (GenerationTimings Timings, double CpuMs)>();
for (int round = 0; round < reps; round++)
    foreach (var spec in specs)
    {
        var run = Run(spec, options);
        if (!best.TryGetValue(spec, out var b) || run.CpuMs < b.CpuMs) best[spec] = run;
    }
double baseWall = best["none"].Timings.PrefillMs, baseCpu = best["none"].CpuMs, baseFlops = PrefillFlops.Of(t, fullRows, fullRows, 0);
Console.WriteLine($"vision tower CPU time {visionCpuMs:F0} ms (subtracted from the prefill CPU time)");
Console.WriteLine($"{"spec",-22} {"image",6} {"prefill CPU ms",15} {"speedup",8} {"FLOPs-pred.",12} {"prefill wall ms",16} {"wall speedup",13} {"decode tok/s",13}");
foreach (var spec in specs)
{
    var (timing, cpuMs) = best[spec];
    var reducers = ReductionSpec.Parse(spec).Build();
    long keptImage = timing.Reduction?.KeptImageTokens ?? 576;
    long keptRows = fullRows - 576 + keptImage;
    // Encoder-side methods shorten every layer; decoder-side ones the layers from K.
    int layerK = reducers.Vision is not null ? 0 : reducers.Decoder?.Layer ?? 0;
    double predicted = baseFlops / PrefillFlops.Of(t, reducers.Vision is not null ? keptRows : fullRows, keptRows, layerK);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{spec,-22} {keptImage,6} {cpuMs,15:F0} {baseCpu / cpuMs,7:F2}× {predicted,11:F2}× {timing.PrefillMs,16:F0} {baseWall / timing.PrefillMs,12:F2}× {timing.DecodeTokensPerSecond,13:F2}"));
}
return 0;

(GenerationTimings Timings, double CpuMs) Run(string spec, SamplingOptions sampling)
{
    var reducers = ReductionSpec.Parse(spec).Build();
    using var generator = new TokenGenerator(model, sampling) { VisionReducer = reducers.Vision, DecoderReducer = reducers.Decoder };
    var cpu = CpuMs();
    generator.Prefill(prompt, pixels);
    cpu = CpuMs() - cpu - visionCpuMs;
    while (!generator.Finished) generator.Next();
    return (generator.Timings, cpu);
}

// The vision tower and projector alone, best of 3 (the same for every spec; pooling's own cost is negligible).
double VisionCpuMs()
{
    double fastest = double.MaxValue;
    for (int i = 0; i < 3; i++)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var cpu = CpuMs();
        model.EncodeImages(pixels);
        fastest = Math.Min(fastest, CpuMs() - cpu);
    }
    return fastest;
}

static double CpuMs() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

