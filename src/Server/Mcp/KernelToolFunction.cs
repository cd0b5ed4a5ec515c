using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace Sieve.Server.Mcp;

/// <summary>A kernel function as an <see cref="AIFunction"/> that always runs on the kernel it came from, so the
/// kernel's filters (the one that turns refused input into a <c>{error, parameter, problem}</c> result) apply to MCP
/// calls exactly as to an agent's. A bare <see cref="KernelFunction"/> would build a fresh kernel from the caller's
/// services and skip them.</summary>
internal sealed class KernelToolFunction(Kernel kernel, KernelFunction function, string name) : AIFunction
{
    public override string Name => name;
    public override string Description => function.Description;
    public override JsonElement JsonSchema => function.JsonSchema;
    public override JsonElement? ReturnJsonSchema => function.ReturnJsonSchema;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var result = await kernel.InvokeAsync(function, new KernelArguments(arguments), cancellationToken).ConfigureAwait(false);
        return result.GetValue<object>();
    }
}
