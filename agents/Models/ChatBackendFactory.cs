using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using OpenAI;

namespace Sieve.Agents.Models;

/// <summary>Builds one kind of chat backend from its options. <paramref name="configuration"/> is the whole
/// configuration (a backend may read its own section, e.g. the runtime's model paths); it may be null when the
/// caller built the options by hand.</summary>
public delegate IChatClient ChatBackendBuilder(ChatBackendOptions options, IConfiguration? configuration);

/// <summary>The one place a chat model is made from settings. The CLI (<c>sieve report</c>, <c>sieve chat</c>) and the
/// server call <see cref="Create(IConfiguration)"/>; a null answer means "no model configured: run the deterministic
/// plan". Kinds: "none", "openai" (built in), and any kind added with <see cref="Register"/> — the local runtime
/// (issue 6) registers "local" there, since the runtime references nothing of ours and agents must not reference it.</summary>
public static class ChatBackendFactory
{
    private static readonly ConcurrentDictionary<string, ChatBackendBuilder> Registered = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads <see cref="ChatBackendOptions.Section"/> and builds the backend; null for kind "none" or no section.</summary>
    public static IChatClient? Create(IConfiguration configuration, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ChatBackendOptions();
        configuration.GetSection(ChatBackendOptions.Section).Bind(options);
        return Create(options, configuration, environment);
    }

    /// <summary>Builds the backend the options name; null for kind "none". <paramref name="environment"/> reads
    /// environment variables (tests pass their own). Throws <see cref="ChatBackendException"/> naming the setting at
    /// fault.</summary>
    public static IChatClient? Create(ChatBackendOptions options, IConfiguration? configuration = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var kind = (options.Kind ?? "").Trim();
        if (kind.Length == 0 || kind.Equals(ChatBackendKinds.None, StringComparison.OrdinalIgnoreCase)) return null;
        if (Registered.TryGetValue(kind, out var builder)) return builder(options, configuration);
        if (kind.Equals(ChatBackendKinds.OpenAI, StringComparison.OrdinalIgnoreCase))
            return CreateOpenAI(options.OpenAI, environment ?? Environment.GetEnvironmentVariable);
        if (kind.Equals(ChatBackendKinds.Local, StringComparison.OrdinalIgnoreCase))
            throw new ChatBackendException(
                $"{ChatBackendOptions.Section}:Kind is 'local', but no local runtime backend is registered in this build: the local " +
                "runtime (issue 6) registers it with ChatBackendFactory.Register(\"local\", ...). Until then use 'openai' with an " +
                "OpenAI-compatible server (vLLM, Ollama, llama.cpp server) or 'none' for the deterministic plan.");
        throw new ChatBackendException(
            $"{ChatBackendOptions.Section}:Kind '{kind}' is not a known backend (use none, openai{string.Concat(Registered.Keys.Order().Select(k => ", " + k))}, local).");
    }

    /// <summary>Adds (or replaces) a backend kind. Called once at start-up by whoever can build it — e.g. the entry
    /// point that references the local runtime registers "local".</summary>
    public static void Register(string kind, ChatBackendBuilder builder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(builder);
        if (kind.Trim().Equals(ChatBackendKinds.None, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException("'none' means no model and cannot be registered", nameof(kind));
        Registered[kind.Trim()] = builder;
    }

    /// <summary>Removes a registered kind (tests; a host that unloads a backend).</summary>
    public static bool Unregister(string kind) => Registered.TryRemove(kind.Trim(), out _);

    private static IChatClient CreateOpenAI(OpenAIBackendOptions o, Func<string, string?> environment)
    {
        var section = $"{ChatBackendOptions.Section}:OpenAI";
        if (string.IsNullOrWhiteSpace(o.Endpoint))
            throw new ChatBackendException($"{section}:Endpoint is not set (the API base URL, e.g. http://localhost:8000/v1 for vLLM or https://api.openai.com/v1).");
        if (!Uri.TryCreate(o.Endpoint.Trim(), UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            throw new ChatBackendException($"{section}:Endpoint '{o.Endpoint}' is not an http(s) URL.");
        if (string.IsNullOrWhiteSpace(o.Model))
            throw new ChatBackendException($"{section}:Model is not set (the model name the endpoint serves).");
        if (o.TimeoutSeconds <= 0)
            throw new ChatBackendException($"{section}:TimeoutSeconds must be positive, not {o.TimeoutSeconds}.");

        // Local servers (vLLM, Ollama, llama.cpp) take no key; the client still wants one, and they ignore it.
        var key = "no-key";
        if (!string.IsNullOrWhiteSpace(o.ApiKeyEnvironmentVariable))
        {
            var name = o.ApiKeyEnvironmentVariable.Trim();
            key = environment(name) is { Length: > 0 } k ? k
                : throw new ChatBackendException($"the API key environment variable {name} (named by {section}:ApiKeyEnvironmentVariable) is not set or empty.");
        }
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            NetworkTimeout = TimeSpan.FromSeconds(o.TimeoutSeconds),
            // One retry: a refused connection should fail in seconds with a clear error, not after minutes of backoff.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 1),
        };
        return new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(o.Model.Trim()).AsIChatClient();
    }
}
