namespace Sieve.Runtime.Reduction;

/// <summary>A reduction spec (<c>--reduce</c> or <c>Runtime:Reduction</c>) that cannot be used; the message names the
/// spec and what is wrong with it. An <see cref="ArgumentException"/>, so callers that map bad arguments keep working.</summary>
public sealed class ReductionSpecException(string message) : ArgumentException(message);
