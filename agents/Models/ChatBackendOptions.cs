namespace Sieve.Agents.Models;

/// <summary>The chat model the agents talk to, bound from the <c>Agents:Backend</c> section of appsettings.json
/// (environment variables override it: <c>SIEVE_Agents__Backend__Kind=openai</c>).</summary>
public sealed class ChatBackendOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Agents:Backend";

    /// <summary>"none" (no model: the deterministic plan), "openai" (any OpenAI-compatible endpoint: OpenAI, vLLM,
    /// Ollama, llama.cpp server) or "local" (the local runtime, registered by the runtime itself).</summary>
    public string Kind { get; set; } = ChatBackendKinds.None;

    public OpenAIBackendOptions OpenAI { get; set; } = new();
}

/// <summary>An OpenAI-compatible chat endpoint.</summary>
public sealed class OpenAIBackendOptions
{
    /// <summary>Base URL of the API, up to and including the version segment: <c>https://api.openai.com/v1</c>,
    /// <c>http://localhost:8000/v1</c> (vLLM), <c>http://localhost:11434/v1</c> (Ollama), <c>http://localhost:8080/v1</c>
    /// (llama.cpp server). The client appends <c>chat/completions</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model name the endpoint serves (<c>gpt-4o-mini</c>, <c>qwen2.5:7b-instruct</c>, ...).</summary>
    public string? Model { get; set; }

    /// <summary>Name of the environment variable that holds the API key (the key itself never goes in a file).
    /// Leave empty for local servers that take no key.</summary>
    public string? ApiKeyEnvironmentVariable { get; set; }

    /// <summary>Seconds one request may take before it fails (local models on a CPU can be slow).</summary>
    public int TimeoutSeconds { get; set; } = 300;
}

/// <summary>The backend kinds <see cref="ChatBackendFactory"/> knows by name.</summary>
public static class ChatBackendKinds
{
    public const string None = "none";
    public const string OpenAI = "openai";
    public const string Local = "local";
}
