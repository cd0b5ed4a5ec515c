using static TorchSharp.torch;

namespace Sieve.Runtime.Reduction;

/// <summary>
/// The random baseline (spec <c>random:M[:seed=0][:k=2]</c>): on entry to layer K (the same point as DART and FastV,
/// so the comparison isolates the choice of tokens), each image keeps exactly M of its tokens drawn uniformly without
/// replacement by .NET's seeded <see cref="Random"/> (the same draw on every machine for a seed and prompt layout).
/// </summary>
public sealed class RandomReducer(ReductionBudget budget, int seed = 0, int layer = 2) : IDecoderLayerReducer
{
    public ReductionBudget Budget { get; } = budget;

    public int Seed { get; } = seed;

    public int Layer { get; } = layer;

    public static RandomReducer FromStep(ReductionStep step)
    {
        step.AllowOnly("seed", "k");
        return new RandomReducer(step.Budget(), (int)step.Integer("seed", 0, min: 0, max: int.MaxValue),
            (int)step.Integer("k", 2, min: 1, max: 1000));
    }

    public Tensor SelectKept(DecoderReductionInput input)
    {
        var random = new Random(Seed);
        var kept = new List<long>();
        foreach (var span in input.Images)
        {
            // Partial Fisher–Yates: the first m slots end up a uniform sample.
            var rows = Enumerable.Range(0, (int)span.Length).Select(i => span.Start + i).ToArray();
            long m = Budget.For(span.Length);
            for (int i = 0; i < m; i++)
            {
                int j = random.Next(i, rows.Length);
                (rows[i], rows[j]) = (rows[j], rows[i]);
            }
            kept.AddRange(rows.Take((int)m));
        }
        return DecoderRows.KeepTextAnd(input.Hidden.shape[1], input.Images, kept, input.Hidden.device);
    }
}
