using Sieve.Runtime.Reduction;

namespace Sieve.Runtime.Tests.Reduction;

/// <summary>The <c>--reduce</c> / <c>Runtime:Reduction</c> language: what each spec builds and how bad ones are refused.</summary>
public sealed class ReductionSpecTests
{
    [Fact]
    public void Dart_reads_its_budget_layer_mode_and_pivots_with_the_papers_defaults()
    {
        var plain = Assert.IsType<DartReducer>(ReductionSpec.Parse("dart:128").Build().Decoder).Settings;
        Assert.Equal(new DartSettings(ReductionBudget.OfTokens(128)), plain);
        Assert.Equal((2, 4, 4, DartBudgetMode.Paper), (plain.Layer, plain.ImagePivots, plain.TextPivots, plain.Mode));

        var full = Assert.IsType<DartReducer>(ReductionSpec.Parse(" DART:0.25:k=3:mode=exact:pimg=2:ptxt=6:order=reference ").Build().Decoder).Settings;
        Assert.Equal(new DartSettings(ReductionBudget.OfRatio(0.25), 3, 2, 6, DartBudgetMode.Exact, DartPivotOrder.Reference), full);
    }

    [Fact]
    public void Each_method_lands_on_its_side_of_the_model()
    {
        var fastv = ReductionSpec.Parse("fastv:64").Build();
        Assert.Equal(64, Assert.IsType<FastVReducer>(fastv.Decoder).Budget.Tokens);
        Assert.Null(fastv.Vision);
        var random = Assert.IsType<RandomReducer>(ReductionSpec.Parse("random:192:seed=7").Build().Decoder);
        Assert.Equal((192L, 7, 2), (random.Budget.Tokens!.Value, random.Seed, random.Layer));
        Assert.IsType<PoolingReducer>(ReductionSpec.Parse("pool:2").Build().Vision);
        Assert.IsType<PoolingReducer>(ReductionSpec.Parse("pool:144").Build().Vision);
        var both = ReductionSpec.Parse("pool:2,dart:32").Build();
        Assert.NotNull(both.Vision);
        Assert.NotNull(both.Decoder);
        Assert.Equal(Reducers.None, ReductionSpec.Parse("none").Build());
        Assert.Equal("pool:2,dart:32", ReductionSpec.Parse("pool:2,dart:32").ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("zip:10", "unknown method 'zip'")]
    [InlineData("dart", "needs a budget")]
    [InlineData("dart:abc", "budget 'abc'")]
    [InlineData("dart:1.5", "budget '1.5'")]
    [InlineData("dart:128:k=0", "k=0")]
    [InlineData("dart:128:mode=fast", "mode=fast; expected paper or exact")]
    [InlineData("dart:128:kk=2", "dart has no option 'kk'")]
    [InlineData("dart:128:64", "second amount")]
    [InlineData("dart:128,fastv:64", "a second decoder-side method")]
    [InlineData("pool:2,pool:3", "a second encoder-side method")]
    [InlineData("none,dart:8", "'none' cannot be combined")]
    [InlineData("dart:8,,pool:2", "empty step")]
    [InlineData("pool:50", "50 tokens is not a square")]
    [InlineData("pool:0", "pool needs a kernel size")]
    [InlineData("random:10:seed=-1", "seed=-1")]
    public void Bad_specs_are_refused_naming_the_spec_and_the_problem(string spec, string problem)
    {
        var e = Assert.Throws<ReductionSpecException>(() => ReductionSpec.Parse(spec));
        Assert.Contains(problem, e.Message);
        if (spec.Length > 0) Assert.Contains($"'{spec}'", e.Message);
    }

    [Fact]
    public void Appsettings_default_to_none_and_compose_a_spec_from_method_budget_layer_and_options()
    {
        Assert.Equal(ReductionSpec.None, new ReductionOptions().ToSpec());
        var spec = new ReductionOptions { Method = "dart", Budget = 64, Layer = 3, Options = new() { ["mode"] = "exact" } }.ToSpec();
        Assert.Equal(new DartSettings(ReductionBudget.OfTokens(64), 3, Mode: DartBudgetMode.Exact),
            Assert.IsType<DartReducer>(spec.Build().Decoder).Settings);
        Assert.Equal(0.5, Assert.IsType<FastVReducer>(new ReductionOptions { Method = "fastv", Ratio = 0.5 }.ToSpec().Build().Decoder).Budget.Ratio);
        Assert.Equal("pool:2,dart:8", new ReductionOptions { Method = "pool:2,dart:8" }.ToSpec().ToString());
        var e = Assert.Throws<ReductionSpecException>(() => new ReductionOptions { Method = "fastv" }.ToSpec());
        Assert.StartsWith("Runtime:Reduction: ", e.Message);
    }

    [Fact]
    public void A_budget_is_tokens_per_image_or_a_fraction_never_more_than_the_image_has()
    {
        Assert.Equal(128, ReductionBudget.OfTokens(128).For(576));
        Assert.Equal(16, ReductionBudget.OfTokens(128).For(16));
        Assert.Equal(144, ReductionBudget.OfRatio(0.25).For(576));
        Assert.Equal(3, ReductionBudget.OfRatio(0.5).For(5));   // 2.5 rounds up
    }
}
