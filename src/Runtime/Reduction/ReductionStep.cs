using System.Globalization;

namespace Sieve.Runtime.Reduction;

/// <summary>
/// One method of a reduction spec, as written: <c>method[:amount][:key=value]...</c>, e.g. <c>dart:128:k=2:mode=paper</c>.
/// The helpers read and validate the amount and options; every error names the step's text.
/// </summary>
/// <param name="Method">Lower-case method name (<c>dart</c>, <c>fastv</c>, <c>random</c>, <c>pool</c>, ...).</param>
/// <param name="Amount">The positional amount (a token count or a ratio), or null when none was written.</param>
/// <param name="Options">Lower-case keys to their raw values.</param>
/// <param name="Text">The step as written, for error messages.</param>
public sealed record ReductionStep(string Method, string? Amount, IReadOnlyDictionary<string, string> Options, string Text)
{
    /// <summary>Parses one step (no commas). Throws <see cref="ReductionSpecException"/> naming the step.</summary>
    public static ReductionStep Parse(string text)
    {
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0)
            throw new ReductionSpecException($"reduction spec '{text}': no method name (expected e.g. dart:128, fastv:64, pool:2, none)");
        string? amount = null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            int eq = part.IndexOf('=');
            if (eq < 0)
            {
                if (amount is not null || options.Count > 0)
                    throw new ReductionSpecException($"reduction spec '{text}': '{part}' is a second amount; options are written key=value");
                if (part.Length == 0)
                    throw new ReductionSpecException($"reduction spec '{text}': empty amount");
                amount = part;
                continue;
            }
            var key = part[..eq].Trim().ToLowerInvariant();
            if (key.Length == 0 || !options.TryAdd(key, part[(eq + 1)..].Trim()))
                throw new ReductionSpecException($"reduction spec '{text}': option '{part}' is empty or given twice");
        }
        return new ReductionStep(parts[0].ToLowerInvariant(), amount, options, text);
    }

    /// <summary>The amount as a budget: an integer ≥ 0 is a token count per image, a number in (0, 1) a fraction kept.</summary>
    public ReductionBudget Budget()
    {
        if (Amount is null)
            throw new ReductionSpecException($"reduction spec '{Text}': {Method} needs a budget, e.g. {Method}:128 (tokens kept per image) or {Method}:0.25 (fraction kept)");
        if (long.TryParse(Amount, NumberStyles.None, CultureInfo.InvariantCulture, out var tokens))
            return ReductionBudget.OfTokens(tokens);
        if (double.TryParse(Amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ratio) && ratio > 0 && ratio < 1)
            return ReductionBudget.OfRatio(ratio);
        throw new ReductionSpecException($"reduction spec '{Text}': budget '{Amount}' is neither a token count (integer ≥ 0) nor a fraction in (0, 1)");
    }

    /// <summary>An integer option in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/>.</summary>
    public long Integer(string key, long fallback, long min = 0, long max = long.MaxValue)
    {
        if (!Options.TryGetValue(key, out var raw)) return fallback;
        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
            return v;
        throw new ReductionSpecException($"reduction spec '{Text}': {key}={raw} is not an integer in {min}..{(max == long.MaxValue ? "" : max.ToString(CultureInfo.InvariantCulture))}");
    }

    /// <summary>One of <paramref name="allowed"/> (the first is the default).</summary>
    public string Choice(string key, params string[] allowed)
    {
        if (!Options.TryGetValue(key, out var raw)) return allowed[0];
        var v = raw.ToLowerInvariant();
        return allowed.Contains(v) ? v
            : throw new ReductionSpecException($"reduction spec '{Text}': {key}={raw}; expected {string.Join(" or ", allowed)}");
    }

    /// <summary>Refuses options the method does not read (a misspelt option must not be silently ignored).</summary>
    public void AllowOnly(params string[] keys)
    {
        foreach (var key in Options.Keys)
            if (!keys.Contains(key))
                throw new ReductionSpecException(
                    $"reduction spec '{Text}': {Method} has no option '{key}'" + (keys.Length == 0 ? "" : $" (it reads {string.Join(", ", keys)})"));
    }

    /// <summary>Refuses a positional amount for methods that take none.</summary>
    public void NoAmount()
    {
        if (Amount is not null)
            throw new ReductionSpecException($"reduction spec '{Text}': {Method} takes no amount");
    }
}
