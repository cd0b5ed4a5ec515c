namespace Sieve.Markush.Matching;

/// <summary>The words users and scripts see for a verdict: "covered", "not covered", "undetermined".</summary>
public static class VerdictText
{
    public static string ToText(this Verdict verdict) => verdict switch
    {
        Verdict.Covered => "covered",
        Verdict.NotCovered => "not covered",
        Verdict.Undetermined => "undetermined",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "unknown verdict"),
    };
}
