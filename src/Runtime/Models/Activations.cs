using TorchSharp;
using static TorchSharp.torch;

namespace Sieve.Runtime.Models;

/// <summary>The activation functions HF configs name (<c>hidden_act</c>, <c>projector_hidden_act</c>).</summary>
public static class Activations
{
    public static readonly IReadOnlyList<string> Supported = ["gelu", "quick_gelu", "silu"];

    /// <summary>Throws NotSupportedException naming the setting when the activation is unknown.</summary>
    public static Func<Tensor, Tensor> Get(string name, string setting) => name switch
    {
        "gelu" => x => nn.functional.gelu(x),                                   // exact (erf) GELU
        "quick_gelu" => x => x * sigmoid(x * 1.702),                            // CLIP's sigmoid approximation
        "silu" => x => nn.functional.silu(x),
        _ => throw new NotSupportedException(
            $"{setting} is '{name}'; supported activations: {string.Join(", ", Supported)}"),
    };
}
