using Sieve.Runtime.Loading.Configs;
using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Loading;

/// <summary>
/// Writes a LLaVA folder with random but well-scaled weights for a given config.json: what tests and benchmarks
/// run when no real weights can be downloaded. Linear and embedding weights are N(0, 1/fan_in) so activations keep
/// their scale through the layers; norm weights are 1 plus small noise, biases small; same seed, same bytes.
/// </summary>
public static class SyntheticLlavaCheckpoint
{
    /// <summary>
    /// Writes <paramref name="configJson"/> as config.json and every tensor of <see cref="LlavaCheckpointLayout"/>
    /// in <paramref name="dtype"/>, as one model.safetensors or, with <paramref name="maxShardBytes"/> &gt; 0, as shards
    /// with an index. Returns the parsed config.
    /// </summary>
    public static LlavaConfig Write(string dir, string configJson, ScalarType dtype, int seed = 0, long maxShardBytes = 0)
    {
        TorchRuntime.EnsureLoadable();
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, LlavaConfig.FileName), configJson);
        var config = LlavaConfig.Load(dir);
        var generator = new Generator((ulong)seed);
        var tensors = new List<KeyValuePair<string, Tensor>>();
        try
        {
            using (no_grad())
                foreach (var (name, shape) in LlavaCheckpointLayout.Expected(config))
                    tensors.Add(new(name, Make(name, shape, dtype, generator)));
            if (maxShardBytes > 0)
                SafetensorsWriter.WriteSharded(dir, tensors, maxShardBytes);
            else
                SafetensorsWriter.Write(Path.Combine(dir, SafetensorsWriter.SingleFileName), tensors);
            return config;
        }
        finally
        {
            foreach (var (_, t) in tensors)
                t.Dispose();
        }
    }

    /// <summary>
    /// Fills a model built in code with the same well-scaled random values, in place (benchmarks that need a model
    /// but no folder). Parameter names are the module's, which are the checkpoint's (classic layout).
    /// </summary>
    public static void Fill(nn.Module model, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        TorchRuntime.EnsureLoadable();
        using var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var (name, p) in model.named_parameters())
        {
            using var scope = NewDisposeScope();
            p.copy_(Make(name, p.shape, p.dtype, generator));
        }
    }

    private static Tensor Make(string name, long[] shape, ScalarType dtype, Generator generator)
    {
        using var scope = NewDisposeScope();
        var isNorm = name.Contains("norm", StringComparison.Ordinal) || name.Contains("layrnorm", StringComparison.Ordinal);
        Tensor t;
        if (isNorm && name.EndsWith(".weight", StringComparison.Ordinal))
            t = 1 + 0.05 * randn(shape, generator: generator);
        else if (name.EndsWith(".bias", StringComparison.Ordinal) || name.EndsWith("class_embedding", StringComparison.Ordinal))
            t = 0.02 * randn(shape, generator: generator);
        else
        {
            // fan_in: every dimension after the first (a conv's in-channels × kernel); embeddings use their width.
            var fanIn = shape.Length == 1 ? shape[0] : shape.Skip(1).Aggregate(1L, (a, b) => a * b);
            t = randn(shape, generator: generator) / Math.Sqrt(fanIn);
        }
        return t.to(dtype).MoveToOuterDisposeScope();
    }
}
