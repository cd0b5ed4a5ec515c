using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sieve.Markush.Matching;
using Sieve.Markush.Package;

namespace Sieve.Cli.Commands;

/// <summary>The JSON that <c>sieve markush</c> prints. Scripts depend on <c>verdict</c> ("covered" | "not covered" |
/// "undetermined"), <c>claims[].claim</c>, <c>claims[].verdict</c> and <c>claims[].evidence</c>.</summary>
public static class MarkushJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: true);
    public static JsonSerializerOptions Lines { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented) => new()
    {
        WriteIndented = indented,
        // Output is for terminals and scripts, not HTML: keep quotes and '>' readable in SMILES and messages.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Overrides the enum's own converter so every verdict in the output reads the same way.
        Converters = { new VerdictConverter() },
    };

    public sealed record MatchOutput(
        string? Patent, string Molecule, int? Line, string? Verdict, IReadOnlyList<ClaimOutput>? Claims,
        IReadOnlyList<int>? SpeciesClaimsNotChecked, IReadOnlyList<string>? Problems, string? Error);

    public sealed record ClaimOutput(
        int Claim, string Verdict, string Summary, int? NarrowestCoveringClaim, MatchResult Evidence,
        IReadOnlyList<DependentVerdict> Dependents);

    public static MatchOutput From(PatentVerdict v, string molecule, int? line) => new(
        v.Patent, molecule, line, v.Verdict.ToText(),
        [.. v.Claims.Select(c => new ClaimOutput(c.Claim, c.Verdict.ToText(), c.Result.Summary, c.NarrowestCoveringClaim, c.Result, c.Dependents))],
        v.SpeciesClaimsNotChecked, v.Problems, Error: null);

    public static MatchOutput Failed(string molecule, int? line, string error) =>
        new(null, molecule, line, null, null, null, null, error);

    private sealed class VerdictConverter : JsonConverter<Verdict>
    {
        public override Verdict Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() switch
            {
                "covered" => Verdict.Covered,
                "not covered" => Verdict.NotCovered,
                "undetermined" => Verdict.Undetermined,
                var s => throw new JsonException($"'{s}' is not a verdict"),
            };

        public override void Write(Utf8JsonWriter writer, Verdict value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToText());
    }
}
