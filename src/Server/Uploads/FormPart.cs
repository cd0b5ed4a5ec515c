namespace Sieve.Server.Uploads;

/// <summary>One part of a multipart form, held in memory: <see cref="FileName"/> is null for a plain field.</summary>
public sealed record FormPart(string Name, string? FileName, string? ContentType, byte[] Content)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Content);
}
