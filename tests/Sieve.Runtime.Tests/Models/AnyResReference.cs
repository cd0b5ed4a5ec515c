using System.Text.Json;

namespace Sieve.Runtime.Tests.Models;

/// <summary>
/// Data/anyres-expected.json: transformers' LLaVA-NeXT geometry, packing and tiles, and GlobalCom²'s reference
/// selection, transcribed in Python by scripts/runtime/gen_anyres_reference.py (which names the source functions).
/// </summary>
internal static class AnyResReference
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Data("anyres-expected.json"))).RootElement);

    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    public static IReadOnlyList<(int Height, int Width)> Pinpoints(string key) => Pairs(Root.Value.GetProperty(key));

    public static IEnumerable<JsonElement> Cases(string key) => Root.Value.GetProperty(key).EnumerateArray();

    public static JsonElement Case(string key, string name) =>
        Cases(key).Single(c => c.GetProperty("name").GetString() == name);

    public static IReadOnlyList<(int Height, int Width)> Pairs(JsonElement array) =>
        array.EnumerateArray().Select(p => (p[0].GetInt32(), p[1].GetInt32())).ToList();

    public static int[] Ints(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt32()).ToArray();
}
