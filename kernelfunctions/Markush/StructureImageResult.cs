using System.Text.Json.Serialization;

namespace Sieve.KernelFunctions.Markush;

/// <summary>Result of <c>read_structure_image</c>: every structure drawn in the image, separately.</summary>
public sealed record StructureImageResult(
    [property: JsonPropertyName("image")] string Image,
    [property: JsonPropertyName("structures")] IReadOnlyList<DrawnStructure> Structures,
    [property: JsonPropertyName("failure")] string? Failure);

/// <summary>One drawn structure: SMILES, or CXSMILES with R-labels when <c>markush</c>; confidence 0–1 (below about
/// 0.6, check the drawing before relying on it).</summary>
public sealed record DrawnStructure(
    [property: JsonPropertyName("smiles")] string Smiles,
    [property: JsonPropertyName("markush")] bool Markush,
    [property: JsonPropertyName("confidence")] double Confidence);
