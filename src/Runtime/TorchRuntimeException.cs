namespace Sieve.Runtime;

/// <summary>The local runtime could not prepare TorchSharp's native libraries; the message says what to do.</summary>
public sealed class TorchRuntimeException : Exception
{
    public TorchRuntimeException(string message, Exception? inner = null) : base(message, inner) { }
}
