using Sieve.Runtime.Loading;
using Sieve.Runtime.Models;
using Sieve.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Loading;

/// <summary>SyntheticLlavaCheckpoint.Fill: the checkpoint writer's value scheme, in place, for benchmarks.</summary>
public sealed class SyntheticFillTests
{
    [Fact]
    public void Filled_weights_are_well_scaled_and_the_same_for_a_seed()
    {
        using var a = new LlavaModel(TinyLlava.Config(), ScalarType.Float32, CPU);
        using var b = new LlavaModel(TinyLlava.Config(), ScalarType.Float32, CPU);
        SyntheticLlavaCheckpoint.Fill(a, seed: 3);
        SyntheticLlavaCheckpoint.Fill(b, seed: 3);
        var pa = a.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, p) in b.named_parameters())
            Assert.True(pa[name].eq(p).all().item<bool>(), name);

        var q = pa["language_model.model.layers.0.self_attn.q_proj.weight"];
        Assert.InRange(q.std().item<float>() * Math.Sqrt(q.shape[1]), 0.8, 1.2);   // N(0, 1/fan_in)
        Assert.InRange((pa["language_model.model.norm.weight"] - 1).abs().max().item<float>(), 1e-6, 0.3);
    }
}
