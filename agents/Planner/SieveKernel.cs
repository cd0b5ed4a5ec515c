using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Sieve.KernelFunctions;

namespace Sieve.Agents.Planner;

/// <summary>The kernel a model-driven plan runs on: the chat model registered as an <see cref="IChatClient"/> with
/// Semantic Kernel's function invocation (so SK function filters fire on every tool call the model makes), the Sieve
/// plugins, and the recorder that captures each call as evidence.</summary>
public static class SieveKernel
{
    /// <summary>Tool-call rounds one request may take before the model must answer (a guard against loops).</summary>
    public const int MaxToolRoundsPerRequest = 16;

    public static Kernel Build(IChatClient chat, string allowedRoot, ToolCallRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(recorder);
        var builder = Kernel.CreateBuilder();
        // First registered = outermost filter: the recorder sees what the tools' error filter made of a refusal.
        builder.Services.AddSingleton<IFunctionInvocationFilter>(recorder);
        builder.Services.AddChatClient(chat).UseKernelFunctionInvocation();
        builder.AddSieveTools(allowedRoot);
        return builder.Build();
    }

    /// <summary>The kernel's chat client, with the tool-round limit applied.</summary>
    public static IChatClient Chat(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var chat = kernel.GetRequiredService<IChatClient>();
        if (chat.GetService<FunctionInvokingChatClient>() is { } invoking)
            invoking.MaximumIterationsPerRequest = MaxToolRoundsPerRequest;
        return chat;
    }

    /// <summary>The named tools ("plugin.function"); a model sees them as plugin_function.</summary>
    public static IReadOnlyList<KernelFunction> Tools(Kernel kernel, params string[] qualifiedNames)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return [.. qualifiedNames.Select(n =>
        {
            var dot = n.IndexOf('.', StringComparison.Ordinal);
            return kernel.Plugins.GetFunction(n[..dot], n[(dot + 1)..]);
        })];
    }

    /// <summary>Chat options that offer <paramref name="tools"/> for automatic calling. They go through Semantic
    /// Kernel's own settings conversion, so the function-invoking client calls each tool with the kernel — which is
    /// what makes the kernel's function filters (the recorder) fire. A plain AIFunction in ChatOptions.Tools would
    /// run the method without them.</summary>
    public static ChatOptions Options(Kernel kernel, IReadOnlyList<KernelFunction> tools)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(tools);
        var settings = new PromptExecutionSettings
        {
            FunctionChoiceBehavior = tools.Count > 0 ? FunctionChoiceBehavior.Auto(tools) : null,
        };
        var options = settings.ToChatOptions(kernel) ?? new ChatOptions();
        options.Temperature = 0f;
        return options;
    }
}
