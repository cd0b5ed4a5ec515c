using System.Globalization;
using Sieve.Bench;
using Sieve.Runtime;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Loading;
using Sieve.Runtime.Loading.Configs;
using Sieve.Runtime.Models;
using Sieve.Runtime.Reduction;
using static TorchSharp.torch;

// GlobalCom² on LLaVA-NeXT AnyRes: one 640x480 image (2x2 grid of 336 px tiles + thumbnail → 2340 image tokens with
// llava-v1.6's pinpoints) and a text prompt, prefilled with no reduction and with each spec below, side by side in one
// run. The model has LLaVA-NeXT's shape (ViT/14 at 336 px, 5 tiles, Llama decoder, 32064 vocabulary) scaled down in
// width and depth for a 2-core CPU; weights are random (speed does not depend on their values). "vision ms" covers
// tower, projector, packing and the selection; "FLOPs pred." is the prefill speed-up the decoder's FLOPs predict
// (linear layers ∝ L, attention ∝ L², PrefillFlops shared with bench/reduction.sh).
// Usage: bench/globalcom2.sh [--text-tokens 64] [--reps 2] [--threads N]

int textTokens = BenchOptions.Int(args, "--text-tokens", 64), reps = BenchOptions.Int(args, "--reps", 2), threads = BenchOptions.Int(args, "--threads", 0);
TorchRuntime.EnsureLoadable();
if (threads > 0) set_num_threads(threads);
var config = new LlavaConfig
{
    ModelType = "llava_next",
    ImageGridPinpoints = LlavaConfig.DefaultNextPinpoints,
    VisionConfig = new ClipVisionConfig
    {
        HiddenSize = 256, IntermediateSize = 1024, NumHiddenLayers = 4, NumAttentionHeads = 4, ImageSize = 336, PatchSize = 14,
    },
    TextConfig = new LlamaConfig
    {
        VocabSize = 32064, HiddenSize = 1024, IntermediateSize = 2816, NumHiddenLayers = 6, NumAttentionHeads = 16,
        NumKeyValueHeads = 16, HeadDim = 64, RmsNormEps = 1e-5, MaxPositionEmbeddings = 4096,
    },
    ImageTokenIndex = 32000,
};
(int Height, int Width) imageSize = (480, 640);
using var model = new LlavaModel(config, ScalarType.Float32, CPU);
SyntheticLlavaCheckpoint.Fill(model);
var layout = model.AnyResLayoutFor(imageSize);
var prompt = new List<long> { 1, config.ImageTokenIndex };
var random = new Random(1);
while (prompt.Count < textTokens + 2) prompt.Add(random.Next(3, 32000));
using var pixels = randn(new long[] { 1, layout.TileCount, 3, 336, 336 });
Console.WriteLine($"model: CLIP {config.VisionConfig.NumHiddenLayers}×{config.VisionConfig.HiddenSize} at 336 px, " +
    $"Llama {config.TextConfig.NumHiddenLayers}×{config.TextConfig.HiddenSize} (ffn {config.TextConfig.IntermediateSize}), F32, torch threads {get_num_threads()}");
Console.WriteLine($"image {imageSize.Width}x{imageSize.Height}: {layout.GridRows}x{layout.GridColumns} grid + thumbnail = {layout.TileCount} tiles, " +
    $"{layout.PackedLength} image tokens unreduced; {prompt.Count - 1} text tokens; best of {reps} interleaved rounds after a warm-up");
Console.WriteLine($"{"reduction",-26} {"image tok",9} {"prefill tok",11} {"vision ms",10} {"prefill ms",11} {"speed-up",9} {"FLOPs pred.",12}");

// Rounds interleave the specs (each once per round, best of the rounds kept), so a busy machine slows all alike.
string[] specs = ["none", "globalcom2:0.5", "globalcom2:0.25", "globalcom2:0.1", "globalcom2:0.25,dart:128"];
var built = specs.Select(s => ReductionSpec.Parse(s).Build()).ToArray();
var best = new GenerationTimings?[specs.Length];
for (int round = -1; round < reps; round++) // round −1 warms up
    for (int i = 0; i < specs.Length; i++)
    {
        using var generator = new TokenGenerator(model, new SamplingOptions { MaxNewTokens = 1 })
        {
            VisionReducer = built[i].Vision, DecoderReducer = built[i].Decoder,
        };
        generator.Prefill(prompt, pixels, [imageSize]);
        var t = generator.Timings with { Reduction = generator.Kept };
        if (round >= 0 && (best[i] is null || t.PrefillMs < best[i]!.PrefillMs)) best[i] = t;
    }

double? baseMs = null, baseFlops = null;
for (int i = 0; i < specs.Length; i++)
{
    var b = best[i]!;
    var outcome = b.Reduction!;
    // DART prunes on entry to layer K: layers < K see the full prompt, layers ≥ K the kept rows.
    long kept = b.PrefillTokens - outcome.ImageTokens + outcome.KeptImageTokens;
    var flops = PrefillFlops.Of(config.TextConfig, b.PrefillTokens, kept, built[i].Decoder?.Layer ?? config.TextConfig.NumHiddenLayers);
    baseMs ??= b.PrefillMs;
    baseFlops ??= flops;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{specs[i],-26} {outcome.KeptImageTokens,9} {b.PrefillTokens,11} {b.VisionMs,10:F0} {b.PrefillMs,11:F0} {baseMs / b.PrefillMs,8:F2}× {baseFlops / flops,12:F2}×"));
}
return 0;

