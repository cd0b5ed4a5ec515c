using Sieve.Runtime.Reduction;
using Sieve.Runtime.Tests.Loading;
using Sieve.Runtime.Tests.Models;

namespace Sieve.Runtime.Tests.Reduction;

/// <summary><c>--keep</c>: replaying a kept set instead of selecting one.</summary>
public sealed class KeptPositionsReducerTests
{
    [Fact]
    public void Keeping_every_image_position_gives_the_unreduced_logits_exactly()
    {
        using var model = TinyLlava.Create();
        using var plain = new ReductionRun(model, Reducers.None);
        var all = plain.Outcome.KeptImagePositions;
        Assert.Equal(Enumerable.Range(2, 16).Select(i => (long)i), all);
        using var replay = new ReductionRun(model, Reducers.OfDecoder(new KeptPositionsReducer(all.ToArray(), 2, "test")));
        Assert.Equal(plain.Logits.data<float>().ToArray(), replay.Logits.data<float>().ToArray());
    }

    [Theory]
    [InlineData("dart:8")]
    [InlineData("fastv:4:k=1")]
    [InlineData("random:6:seed=5")]
    public void A_dumped_kept_set_replays_to_the_same_logits(string spec)
    {
        using var model = TinyLlava.Create();
        var reducers = ReductionSpec.Parse(spec).Build();
        using var selected = new ReductionRun(model, reducers);
        using var scratch = new ScratchFolder();
        var file = scratch.File("kept.json");
        KeptPositionsFile.Write(file, selected.Outcome.KeptImagePositions);

        var replayer = new KeptPositionsReducer(KeptPositionsFile.Read(file), reducers.Decoder!.Layer, file);
        using var replayed = new ReductionRun(model, Reducers.OfDecoder(replayer));
        Assert.Equal(selected.KeptRows, replayed.KeptRows);
        Assert.Equal(selected.Logits.data<float>().ToArray(), replayed.Logits.data<float>().ToArray());
    }

    [Fact]
    public void A_position_that_is_not_an_image_token_is_refused_naming_the_file_and_the_image_positions()
    {
        using var model = TinyLlava.Create();
        var e = Assert.Throws<ArgumentException>(() =>
            new ReductionRun(model, Reducers.OfDecoder(new KeptPositionsReducer([2, 5, 18], 2, "--keep kept.json"))));
        Assert.Equal("--keep kept.json: position 18 is not an image token of this prompt (image tokens are at 2..17)", e.Message);
    }

    [Theory]
    [InlineData("{\"a\": 1}", "not a JSON array of image positions")]
    [InlineData("[1, 2.5]", "not a JSON array of image positions")]
    [InlineData("null", "found null")]
    [InlineData("[3, -1]", "position -1 is negative")]
    public void A_kept_file_that_is_not_a_list_of_positions_is_refused_naming_it(string json, string problem)
    {
        using var scratch = new ScratchFolder();
        var file = scratch.File("bad.json");
        File.WriteAllText(file, json);
        var e = Assert.Throws<ArgumentException>(() => KeptPositionsFile.Read(file));
        Assert.StartsWith(file + ": ", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.Contains("cannot read", Assert.Throws<ArgumentException>(() => KeptPositionsFile.Read(scratch.File("missing.json"))).Message);
    }
}
