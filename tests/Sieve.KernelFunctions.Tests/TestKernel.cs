using System.Text.Json;
using Microsoft.SemanticKernel;
using Sieve.KernelFunctions.Errors;

namespace Sieve.KernelFunctions.Tests;

/// <summary>A kernel with the Sieve plugins, as the agents build it; the allowed root is the folder the sample
/// patents are copied to (root/patents/…).</summary>
internal static class TestKernel
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "root");

    public const string Coxib = "patents/coxib-diarylpyrazole";
    public const string Celecoxib = "Cc1ccc(cc1)-c1cc(nn1-c1ccc(cc1)S(N)(=O)=O)C(F)(F)F";
    public const string HeptylAtR2 = "CCCCCCCc1ccc(cc1)-c1cc(nn1-c1ccc(cc1)S(N)(=O)=O)C(F)(F)F";

    public static Kernel Create(string? root = null) => Kernel.CreateBuilder().AddSieveTools(root ?? Root).Build();

    public static async Task<T> Invoke<T>(Kernel kernel, string plugin, string function, KernelArguments args)
    {
        var result = await kernel.InvokeAsync(plugin, function, args);
        var value = result.GetValue<object>();
        Assert.False(value is ToolError, $"{plugin}.{function} refused: {(value as ToolError)?.Error} {(value as ToolError)?.Parameter}: {(value as ToolError)?.Problem}");
        return Assert.IsType<T>(value);
    }

    public static async Task<ToolError> Refused(Kernel kernel, string plugin, string function, KernelArguments args)
    {
        var result = await kernel.InvokeAsync(plugin, function, args);
        return Assert.IsType<ToolError>(result.GetValue<object>());
    }

    /// <summary>The JSON a model reads (SK serialises non-string results with System.Text.Json).</summary>
    public static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);
}
