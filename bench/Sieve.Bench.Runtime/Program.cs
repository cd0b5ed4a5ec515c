using System.Globalization;
using Sieve.Bench;
using Sieve.Runtime;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Loading;
using Sieve.Runtime.Models;
using static TorchSharp.torch;

// Speed of one LLaVA turn on this CPU: vision tower + projector, prefill of 576 image tokens plus text, and greedy
// decoding with the KV cache, in F32 and BF16. The model has LLaVA-1.5's shape (ViT/14 at 336 px → 576 patches,
// 2-layer GELU projector, Llama decoder with 32064-token vocabulary) scaled down in width and depth so that a turn
// takes seconds on two cores; weights are random (speed does not depend on their values).
// Usage: bench/runtime.sh [--text-tokens 200] [--new-tokens 32] [--threads N (default: libtorch's choice)]

int textTokens = BenchOptions.Int(args, "--text-tokens", 200), newTokens = BenchOptions.Int(args, "--new-tokens", 32), threads = BenchOptions.Int(args, "--threads", 0);
TorchRuntime.EnsureLoadable();
if (threads > 0) set_num_threads(threads);
var config = ScaledLlava.Config();
Console.WriteLine($"model: {ScaledLlava.Describe(config)}; torch threads {get_num_threads()}");
var prompt = new List<long> { 1 };
prompt.Add(config.ImageTokenIndex);
var random = new Random(1);
while (prompt.Count < textTokens + 1) prompt.Add(random.Next(3, 32000));
Console.WriteLine($"prompt: 576 image + {prompt.Count - 1} text tokens; {newTokens} new tokens, greedy");
Console.WriteLine($"{"dtype",-9} {"vision ms",10} {"prefill ms",11} {"prefill tok/s",14} {"decode tok/s",13} {"KV MiB",8}");
foreach (var dtype in new[] { ScalarType.Float32, ScalarType.BFloat16 })
{
    using var model = new LlavaModel(config, dtype, CPU);
    SyntheticLlavaCheckpoint.Fill(model);
    using var pixels = randn(1, 3, 336, 336);
    var options = new SamplingOptions { MaxNewTokens = newTokens };
    Generate.Tokens(model, prompt, pixels, options with { MaxNewTokens = 2 });   // warm-up
    GenerationTimings? best = null;
    for (int rep = 0; rep < 2; rep++)
    {
        var t = Generate.Tokens(model, prompt, pixels, options).Timings;
        if (best is null || t.PrefillMs + t.VisionMs < best.PrefillMs + best.VisionMs) best = t;
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{dtype.ToString().ToLowerInvariant(),-9} {best!.VisionMs,10:F0} {best.PrefillMs,11:F0} {best.PrefillTokens / (best.PrefillMs / 1000),14:F1} {best.DecodeTokensPerSecond,13:F2} {best.KvBytes / 1048576.0,8:F1}"));
}
return 0;

