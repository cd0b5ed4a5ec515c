namespace Sieve.Runtime.Reduction;

/// <summary>
/// A parsed <c>--reduce</c> / <c>Runtime:Reduction</c> value: <c>none</c>, or one or more steps joined by commas,
/// e.g. <c>dart:128</c>, <c>fastv:64:k=2</c>, <c>random:192:seed=7</c>, <c>pool:2</c>, <c>globalcom2:0.25,dart:128</c>
/// (at most one encoder-side and one decoder-side method). Method names become reducers in
/// <see cref="ReductionMethods.Create"/>, the one place to add a method.
/// </summary>
public sealed record ReductionSpec(IReadOnlyList<ReductionStep> Steps)
{
    public static readonly ReductionSpec None = new([]);

    /// <summary>How "no reduction" is written: in specs and settings, and as the canonical text that keys cached prefixes.</summary>
    public const string NoneText = "none";

    /// <summary>Parses and checks the spec (every method built once, so bad budgets and options fail here, not
    /// mid-prefill). Throws <see cref="ReductionSpecException"/> naming the bad part.</summary>
    public static ReductionSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
            throw new ReductionSpecException("reduction spec is empty (expected e.g. dart:128, fastv:64, random:192, pool:2 or none)");
        if (trimmed.Equals(NoneText, StringComparison.OrdinalIgnoreCase))
            return None;
        var steps = trimmed.Split(',', StringSplitOptions.TrimEntries).Select(s => s.Length == 0
            ? throw new ReductionSpecException($"reduction spec '{text}': an empty step between commas")
            : ReductionStep.Parse(s)).ToArray();
        if (steps.Any(s => s.Method == NoneText))
            throw new ReductionSpecException($"reduction spec '{text}': 'none' cannot be combined with other methods");
        var spec = new ReductionSpec(steps);
        spec.Build();
        return spec;
    }

    /// <summary>The reducers of this spec (fresh objects each call: a random reducer's generator starts from its seed).</summary>
    public Reducers Build()
    {
        var built = Reducers.None;
        foreach (var step in Steps)
            built = built.With(ReductionMethods.Create(step), $"reduction spec '{this}': step '{step.Text}'");
        return built;
    }

    public override string ToString() => Steps.Count == 0 ? NoneText : string.Join(",", Steps.Select(s => s.Text));
}

/// <summary>The reducers one request uses: at most one encoder-side (between vision tower and projector) and one
/// decoder-side (at LLM layer K).</summary>
public sealed record Reducers(IVisionFeatureReducer? Vision, IDecoderLayerReducer? Decoder)
{
    public static readonly Reducers None = new(null, null);

    public static Reducers OfVision(IVisionFeatureReducer reducer) => new(reducer, null);
    public static Reducers OfDecoder(IDecoderLayerReducer reducer) => new(null, reducer);

    /// <summary>Adds <paramref name="other"/>'s reducers; two on the same side are refused, the message starting with
    /// <paramref name="where"/>.</summary>
    public Reducers With(Reducers other, string where)
    {
        if (Vision is not null && other.Vision is not null)
            throw new ReductionSpecException($"{where} is a second encoder-side method (only one per request)");
        if (Decoder is not null && other.Decoder is not null)
            throw new ReductionSpecException($"{where} is a second decoder-side method (only one per request)");
        return new(Vision ?? other.Vision, Decoder ?? other.Decoder);
    }
}
