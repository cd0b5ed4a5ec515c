using Sieve.Runtime.Reduction;
using Sieve.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Reduction;

/// <summary>The encoder-side pooling baseline: k×k averages over the patch grid, row-major, before the projector.</summary>
public sealed class PoolingReducerTests
{
    [Fact]
    public void Two_by_two_pooling_averages_each_window_of_the_patch_grid_in_row_major_order()
    {
        TorchRuntime.EnsureLoadable();
        using var scope = NewDisposeScope();
        // A 4×4 grid with two channels: channel 0 = patch index, channel 1 = 100 + patch index.
        var features = stack([arange(16.0f), arange(16.0f) + 100], 1);
        var pooled = ReductionSpec.Parse("pool:2").Build().Vision!.Reduce(new VisionReductionInput([features], empty(0), null!));
        // Windows (0,1,4,5), (2,3,6,7), (8,9,12,13), (10,11,14,15).
        Assert.Equal(new float[] { 2.5f, 102.5f, 4.5f, 104.5f, 10.5f, 110.5f, 12.5f, 112.5f }, pooled.Single().data<float>().ToArray());
        var one = ReductionSpec.Parse("pool:4").Build().Vision!.Reduce(new VisionReductionInput([features], empty(0), null!));
        Assert.Equal(new float[] { 7.5f, 107.5f }, one.Single().data<float>().ToArray());
    }

    [Theory]
    [InlineData("pool:144", "pool:2", 144)]
    [InlineData("pool:64", "pool:3", 64)]
    [InlineData("pool:36", "pool:4", 36)]
    public void A_token_count_over_llavas_24_by_24_grid_chooses_the_kernel(string byCount, string byKernel, int tokens)
    {
        TorchRuntime.EnsureLoadable();
        using var scope = NewDisposeScope();
        var features = randn(576, 8);
        var counted = ReductionSpec.Parse(byCount).Build().Vision!.Reduce(new VisionReductionInput([features], empty(0), null!)).Single();
        var kernel = ReductionSpec.Parse(byKernel).Build().Vision!.Reduce(new VisionReductionInput([features], empty(0), null!)).Single();
        Assert.Equal([tokens, 8], counted.shape);
        Assert.Equal(kernel.data<float>().ToArray(), counted.data<float>().ToArray());
    }

    [Fact]
    public void The_prompt_shrinks_to_the_pooled_grid_and_composes_with_a_decoder_side_method()
    {
        using var model = TinyLlava.Create();
        using var run = new ReductionRun(model, ReductionSpec.Parse("pool:2").Build());
        Assert.Equal(4, run.Layout.Images.Single().Length);
        Assert.Equal(ReductionRun.Prompt.Length - 1 + 4, run.FullLength);
        Assert.Equal(4, run.Outcome.KeptImageTokens);

        using var counted = new ReductionRun(model, ReductionSpec.Parse("pool:2,dart:2:mode=exact").Build());
        Assert.Equal(4, counted.Layout.Images.Single().Length);
        Assert.Equal(2, counted.Outcome.KeptImageTokens);            // composes with a decoder-side method
    }

    [Fact]
    public void A_one_by_one_kernel_is_the_unreduced_model_and_a_grid_that_does_not_divide_is_refused()
    {
        using var model = TinyLlava.Create();
        using var plain = new ReductionRun(model, Reducers.None);
        using var same = new ReductionRun(model, ReductionSpec.Parse("pool:1").Build());
        Assert.Equal(plain.Logits.data<float>().ToArray(), same.Logits.data<float>().ToArray());

        var e = Assert.Throws<ArgumentException>(() => new ReductionRun(model, ReductionSpec.Parse("pool:3").Build()));
        Assert.Contains("4×4 patch grid does not divide into 3×3 windows", e.Message);
        e = Assert.Throws<ArgumentException>(() => new ReductionRun(model, ReductionSpec.Parse("pool:9").Build()));
        Assert.Contains("'pool:9'", e.Message);
    }
}
