using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sieve.Agents.Reports;

/// <summary>report.json: the whole <see cref="InfringementReport"/>, SVG strings included; reads back with
/// <see cref="Parse"/>.</summary>
public static class JsonReportRenderer
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        // The file is read by programs, never embedded in HTML: keep SVG and SMILES readable (no \u003C escapes).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Render(InfringementReport report) => JsonSerializer.Serialize(report, Options);

    public static InfringementReport Parse(string json) =>
        JsonSerializer.Deserialize<InfringementReport>(json, Options) ?? throw new JsonException("empty report");
}
