using System.Text.Json;
using Sieve.Runtime.Interop;
using Sieve.Runtime.Reduction;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Reduction;

/// <summary>
/// DART's selection against a transcription of the authors' algorithm (scripts/runtime/dart_reference.py, run with
/// python3-torch) on fixed tensors: the keys, normed states and expected kept rows are checked in under data/
/// (regenerate with <c>/usr/bin/python3 scripts/runtime/dart_reference.py</c>).
/// </summary>
public sealed class DartReferenceTests
{
    private sealed record Layout(long image_start, long image_length, long rows);
    private sealed record Case(long budget, int image_pivots, int text_pivots, long[] pivot_order, long[] kept,
        long[] reference_order, long[] kept_reference_order);
    private sealed record SetOrder(long[] values, long[] order);
    private sealed record Expected(Layout layout, Case[] cases, SetOrder[] set_orders);

    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "Reduction", "data", file);

    public static TheoryData<int> Cases => new(Enumerable.Range(0, Load().cases.Length));

    private static Expected Load() => JsonSerializer.Deserialize<Expected>(File.ReadAllText(Data("dart-expected.json")))!;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Paper_mode_keeps_exactly_the_reference_rows(int index)
    {
        var expected = Load();
        var c = expected.cases[index];
        var l = expected.layout;
        TorchRuntime.EnsureLoadable();
        using var scope = NewDisposeScope();
        var keys = NumpyFile.Read(Data("dart-keys.npy"));
        var normed = NumpyFile.Read(Data("dart-normed.npy"));
        var span = new ImageSpan(l.image_start, l.image_length);
        var textAfter = DecoderRows.TextRowsAfter(span, [span], l.rows);
        var settings = new DartSettings(ReductionBudget.OfTokens(c.budget), ImagePivots: c.image_pivots, TextPivots: c.text_pivots);

        var kept = DartSelection.SelectImageRows(DartReducer.KeyL1(keys), normed, span, textAfter, settings, c.budget);
        var asReference = DartSelection.SelectImageRows(DartReducer.KeyL1(keys), normed, span, textAfter,
            settings with { Order = DartPivotOrder.Reference }, c.budget);

        Assert.Equal(c.kept, kept);
        Assert.Equal(c.kept_reference_order, asReference);                 // the reference's own pivot order
        // The reference's count: P_img + (P_img + P_txt)·floor(M / (P_img + P_txt)), capped by the image.
        Assert.Equal(Math.Min(l.image_length, c.image_pivots + (c.image_pivots + c.text_pivots) * (c.budget / (c.image_pivots + c.text_pivots))),
            kept.Length);
    }

    [Fact]
    public void The_rebuilt_cpython_set_order_is_pythons()
    {
        foreach (var c in Load().set_orders)
            Assert.Equal(c.order, CPythonSetOrder.Of(c.values));
    }

    [Fact]
    public void Exact_mode_keeps_m_rows_including_the_image_pivots_and_spreads_the_picks_over_the_pivots()
    {
        TorchRuntime.EnsureLoadable();
        using var scope = NewDisposeScope();
        var l = Load().layout;
        var keys = NumpyFile.Read(Data("dart-keys.npy"));
        var normed = NumpyFile.Read(Data("dart-normed.npy"));
        var span = new ImageSpan(l.image_start, l.image_length);
        var textAfter = DecoderRows.TextRowsAfter(span, [span], l.rows);
        var keyL1 = DartReducer.KeyL1(keys);
        var imagePivots = keyL1.narrow(0, span.Start, span.Length).topk(4).indexes.data<long>().Select(i => i + span.Start).ToArray();
        foreach (var m in new long[] { 3, 4, 5, 12, 13, 20, 36 })
        {
            var settings = new DartSettings(ReductionBudget.OfTokens(m), Mode: DartBudgetMode.Exact);
            var kept = DartSelection.SelectImageRows(keyL1, normed, span, textAfter, settings, m);
            Assert.Equal(m, kept.Length);
            Assert.All(kept, r => Assert.InRange(r, span.Start, span.End - 1));
            Assert.Subset(kept.ToHashSet(), imagePivots.Take((int)Math.Min(m, 4)).ToHashSet());
        }
        // With M = P_img + 8·q, exact mode picks q per pivot, as paper mode does for budget 8·q: the same rows.
        var exact = DartSelection.SelectImageRows(keyL1, normed, span, textAfter,
            new DartSettings(ReductionBudget.OfTokens(20), Mode: DartBudgetMode.Exact), 20);
        var paper = DartSelection.SelectImageRows(keyL1, normed, span, textAfter, new DartSettings(ReductionBudget.OfTokens(16)), 16);
        Assert.Equal(paper, exact);
    }
}
