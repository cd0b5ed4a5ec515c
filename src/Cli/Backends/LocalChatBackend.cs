using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Sieve.Agents.Models;
using Sieve.Runtime;
using Sieve.Runtime.Loading;
using Sieve.Runtime.Serving;

namespace Sieve.Cli.Backends;

/// <summary>
/// Makes the local runtime the agents' <c>local</c> chat backend. The CLI is the entry point that references both
/// the agents and the runtime (which reference nothing of each other), so it registers the kind once, before any
/// command runs: <c>sieve chat</c>, <c>sieve report</c> and <c>sieve serve</c> all build their backend through
/// <see cref="ChatBackendFactory"/>. Models are loaded once per process by <see cref="LocalModelHost.Shared"/>.
/// </summary>
public static class LocalChatBackend
{
    public static void Register() => ChatBackendFactory.Register(ChatBackendKinds.Local, Build);

    /// <summary>A <see cref="LocalChatClient"/> over <c>Agents:Backend:Local:ModelPath</c> with the <c>Runtime</c>
    /// section's device and dtype.</summary>
    /// <exception cref="ChatBackendException">Unset or missing folder, invalid runtime settings, a model that cannot be
    /// loaded; the message names the setting and the problem.</exception>
    public static IChatClient Build(ChatBackendOptions options, IConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        var setting = $"{ChatBackendOptions.Section}:Local:ModelPath";
        if (string.IsNullOrWhiteSpace(options.Local.ModelPath))
            throw new ChatBackendException(
                $"{setting} is not set: name a HuggingFace LLaVA-1.5 folder (config.json, *.safetensors, tokenizer.model).");
        var folder = SieveConfiguration.ResolvePath(options.Local.ModelPath.Trim());
        if (!Directory.Exists(folder))
            throw new ChatBackendException($"{setting} '{folder}' is not a folder.");

        var runtime = configuration?.GetSection(RuntimeOptions.Section).Get<RuntimeOptions>() ?? new RuntimeOptions();
        if (runtime.Validate() is { Count: > 0 } problems)
            throw new ChatBackendException(string.Join("; ", problems));
        try
        {
            return LocalModelHost.Shared.CreateClient(folder, runtime);
        }
        catch (Exception e) when (e is CheckpointException or NotSupportedException or ArgumentException or TorchRuntimeException)
        {
            throw new ChatBackendException($"{setting} '{folder}': {e.Message}", e);
        }
    }
}
