using System.Globalization;

namespace Sieve.Runtime.Reduction;

/// <summary>
/// The <c>Runtime:Reduction</c> section of appsettings.json: the reduction every request uses unless it says otherwise
/// (<c>--reduce</c> overrides it). Turned into the same spec text <c>--reduce</c> takes, so both are checked alike.
/// </summary>
public sealed record ReductionOptions
{
    public const string Section = "Runtime:Reduction";

    /// <summary><c>none</c> (default) or a method name (<see cref="ReductionMethods.Names"/>); a full spec with
    /// colons and commas (<c>dart:128:mode=exact</c>) is accepted as is.</summary>
    public string Method { get; init; } = ReductionSpec.NoneText;

    /// <summary>Tokens kept per image (0: not given).</summary>
    public long Budget { get; init; }

    /// <summary>Fraction of each image's tokens kept, in (0, 1) (0: not given); used when no budget is given.</summary>
    public double Ratio { get; init; }

    /// <summary>K, the decoder layer at whose entry decoder-side methods prune (0: the method's default, 2).</summary>
    public int Layer { get; init; }

    /// <summary>Method options, as in the spec (<c>mode</c>, <c>seed</c>, <c>pimg</c>, ...).</summary>
    public Dictionary<string, string> Options { get; init; } = [];

    /// <summary>The spec these settings stand for. Throws <see cref="ReductionSpecException"/> (naming the section) when
    /// they do not make one.</summary>
    public ReductionSpec ToSpec()
    {
        var method = (Method ?? ReductionSpec.NoneText).Trim();
        if (method.Length == 0 || method.Equals(ReductionSpec.NoneText, StringComparison.OrdinalIgnoreCase) || method.Contains(':') || method.Contains(','))
            return Parse(method.Length == 0 ? ReductionSpec.NoneText : method);
        var parts = new List<string> { method };
        if (Budget > 0) parts.Add(Budget.ToString(CultureInfo.InvariantCulture));
        else if (Ratio > 0) parts.Add(Ratio.ToString("R", CultureInfo.InvariantCulture));
        if (Layer > 0) parts.Add("k=" + Layer.ToString(CultureInfo.InvariantCulture));
        parts.AddRange(Options.Select(o => $"{o.Key}={o.Value}"));
        return Parse(string.Join(':', parts));
    }

    private static ReductionSpec Parse(string spec)
    {
        try { return ReductionSpec.Parse(spec); }
        catch (ReductionSpecException e) { throw new ReductionSpecException($"{Section}: {e.Message}"); }
    }
}
