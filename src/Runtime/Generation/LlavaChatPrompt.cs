namespace Sieve.Runtime.Generation;

/// <summary>
/// LLaVA-1.5's conversation format (llava-hf's chat template): <c>USER: &lt;image&gt;\n{text} ASSISTANT:</c>, one
/// <c>&lt;image&gt;</c> line per image before the text; the tokenizer adds BOS. Text that already places its
/// <c>&lt;image&gt;</c> markers is kept as written.
/// </summary>
public static class LlavaChatPrompt
{
    public const string ImageMarker = "<image>";

    public static string SingleTurn(string text, int images)
    {
        int written = CountMarkers(text);
        if (written > 0 && written != images)
            throw new ArgumentException($"the prompt places {written} {ImageMarker} marker(s) but {images} image(s) were given");
        var prefix = written > 0 ? "" : string.Concat(Enumerable.Repeat(ImageMarker + "\n", images));
        return $"USER: {prefix}{text} ASSISTANT:";
    }

    private static int CountMarkers(string text)
    {
        int count = 0;
        for (int i = text.IndexOf(ImageMarker, StringComparison.Ordinal); i >= 0; i = text.IndexOf(ImageMarker, i + 1, StringComparison.Ordinal))
            count++;
        return count;
    }
}
