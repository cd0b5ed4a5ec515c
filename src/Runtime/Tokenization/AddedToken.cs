namespace Sieve.Runtime.Tokenization;

/// <summary>
/// A token HF adds on top of the SentencePiece vocabulary (<c>&lt;image&gt;</c>, <c>&lt;pad&gt;</c>) or declares special
/// (<c>&lt;s&gt;</c>). Text is split at added tokens before SentencePiece sees it.
/// </summary>
/// <param name="LStrip">Whitespace to the token's left is swallowed (HF <c>lstrip</c>).</param>
/// <param name="RStrip">Whitespace to the token's right is swallowed (HF <c>rstrip</c>).</param>
public sealed record AddedToken(string Content, int Id, bool Special, bool LStrip = false, bool RStrip = false);
