using System.Globalization;

namespace Sieve.Bench;

/// <summary>The runtime benchmarks' `--name N` options. Linked into each bench project that takes them.</summary>
internal static class BenchOptions
{
    /// <summary>The whole number after <paramref name="name"/> in <paramref name="args"/>, or <paramref name="fallback"/>
    /// when the option is absent or not a number.</summary>
    public static int Int(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
