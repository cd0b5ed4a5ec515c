using Sieve.Runtime.Tests.Models;

namespace Sieve.Runtime.Tests.Parity;

/// <summary>
/// One checkpoint + prompt whose prefill logits and greedy tokens were computed by scripts/runtime/llava_reference.py
/// (float64, written from HF's modeling semantics) and checked in under Parity/data/ as NAME.logits.npy and
/// NAME.tokens.txt. scripts/runtime/regenerate_parity.sh rewrites them.
/// </summary>
public sealed record ParityCase(string Name, TensorLayout Layout, bool Tied, int KvHeads, int Images, long[] InputIds)
{
    public const int GreedyTokens = 8;

    private const long I = TinyLlava.ImageToken;

    public static readonly ParityCase[] All =
    [
        // transformers < 4.52 names, grouped-query attention, two images each written as one image token.
        new("classic-gqa-two-images", TensorLayout.Classic, Tied: false, KvHeads: 2, Images: 2,
            [1, 17, I, 23, 42, 9, I, 5, 77, 3]),
        // transformers ≥ 4.52 names, tied embeddings, plain multi-head attention, a prompt already expanded to 16 image tokens.
        new("new-tied-expanded", TensorLayout.Transformers452, Tied: true, KvHeads: 4, Images: 1,
            [1, 31, .. Enumerable.Repeat(I, TinyLlava.FeaturesPerImage), 8, 64, 2, 90]),
    ];

    public override string ToString() => Name;
}
