using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Loading;

/// <summary>Small named tensors of several dtypes with HF-style names, seeded so every run writes the same bytes.</summary>
internal static class TinyTensors
{
    public static List<KeyValuePair<string, Tensor>> Mixed(int seed = 7)
    {
        TorchRuntime.EnsureLoadable();
        var g = new Generator((ulong)seed);
        return
        [
            new("language_model.model.embed_tokens.weight", randn([11, 8], generator: g)),
            new("language_model.model.layers.0.self_attn.q_proj.weight", randn([8, 8], generator: g).to(ScalarType.BFloat16)),
            new("language_model.model.layers.0.mlp.up_proj.weight", randn([12, 8], generator: g).to(ScalarType.Float16)),
            new("language_model.model.norm.weight", ones([8])),
            new("vision_tower.vision_model.embeddings.position_ids", arange(5L).unsqueeze(0)),
            new("multi_modal_projector.linear_1.bias", randn([8], generator: g).to(ScalarType.BFloat16)),
            new("scalar", tensor(3.5f)),
        ];
    }

    /// <summary>Bit-for-bit equality (dtype, shape and bytes), so BF16 "loads exactly" means exactly.</summary>
    public static void AssertIdentical(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.dtype, actual.dtype);
        Assert.Equal(expected.shape, actual.shape);
        using var e = expected.contiguous();
        using var a = actual.contiguous();
        Assert.Equal(e.bytes.ToArray(), a.bytes.ToArray());
    }

    public static void Dispose(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        foreach (var (_, t) in tensors)
            t.Dispose();
    }
}
