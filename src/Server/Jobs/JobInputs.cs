using System.Text.Json;

namespace Sieve.Server.Jobs;

/// <summary>What a report job needs, stored as the job's input: the patent package folder (inside the allowed root
/// or the job's own uploaded copy) and the molecule as text (SMILES or molfile).</summary>
public sealed record ReportJobInput(string PatentDirectory, string Molecule, string MoleculeName);

/// <summary>What a batch job needs: a folder of patent packages and the molecules file in the job folder.</summary>
public sealed record BatchJobInput(string PatentsDirectory, string MoleculesFile, int Parallel);

internal static class JobJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);
    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException("empty job input");
}
