namespace Sieve.Agents.Models;

/// <summary>The chat backend cannot be built or reached as configured. The message names the setting (or the
/// environment variable, or the endpoint) and what to change.</summary>
public sealed class ChatBackendException : InvalidOperationException
{
    public ChatBackendException(string message) : base(message) { }
    public ChatBackendException(string message, Exception inner) : base(message, inner) { }
}
