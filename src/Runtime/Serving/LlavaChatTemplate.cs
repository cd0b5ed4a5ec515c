using System.Text;
using Microsoft.Extensions.AI;

namespace Sieve.Runtime.Serving;

/// <summary>A conversation as one prompt: the text to tokenize (BOS is the tokenizer's) and the images its
/// <c>&lt;image&gt;</c> markers stand for, in order.</summary>
public sealed record RenderedPrompt(string Text, IReadOnlyList<DataContent> Images, bool ToolsOffered);

/// <summary>
/// LLaVA-1.5's chat template, as llava-hf ships it in <c>chat_template</c> (a fixed template, not a Jinja engine: the
/// 1.5 checkpoints all carry this one). Per message: a system message is its text followed by a space; a user
/// message is <c>USER: </c>, then one <c>&lt;image&gt;\n</c> per image, then each text followed by a space; an
/// assistant message is <c>ASSISTANT: </c> and its text followed by a space; the prompt ends with
/// <c>ASSISTANT:</c>. So one user turn with an image is <c>USER: &lt;image&gt;\nWhat is this? ASSISTANT:</c>.
/// Tools follow <see cref="ToolPromptConvention"/>: the offered functions go into the system text (a system part
/// is added when the conversation has none), an assistant's calls are written as <c>&lt;tool_call&gt;</c> blocks,
/// and a tool message (function results) is a user turn of <c>&lt;tool_response&gt;</c> blocks.
/// A literal <c>&lt;image&gt;</c> in message text is written as <c>&lt;image &gt;</c>, so only real images
/// become image tokens.
/// </summary>
public static class LlavaChatTemplate
{
    public const string ImageMarker = "<image>";
    public const string GenerationPrompt = "ASSISTANT:";

    /// <exception cref="NotSupportedException">Content the local model cannot take (an image by URL, audio, a file).</exception>
    public static RenderedPrompt Render(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        var tools = options?.Tools is { Count: > 0 } offered && options.ToolMode is not NoneChatToolMode ? offered : null;
        var toolsSection = tools is null ? null : ToolPromptConvention.ToolsSection(tools.ToList(), options!.ToolMode);
        var callNames = list.SelectMany(m => m.Contents.OfType<FunctionCallContent>())
            .GroupBy(c => c.CallId).ToDictionary(g => g.Key, g => g.First().Name);

        var text = new StringBuilder();
        var images = new List<DataContent>();
        bool toolsWritten = false;
        if (toolsSection is not null && (list.Count == 0 || list[0].Role != ChatRole.System))
        {
            text.Append(toolsSection).Append(' ');
            toolsWritten = true;
        }
        foreach (var message in list)
        {
            var role = message.Role;
            if (role == ChatRole.System)
            {
                AppendImages(message, text, images);
                AppendTexts(message, text);
                if (!toolsWritten && toolsSection is not null)
                {
                    text.Append(toolsSection).Append(' ');
                    toolsWritten = true;
                }
            }
            else if (role == ChatRole.Assistant)
            {
                text.Append("ASSISTANT: ");
                AppendImages(message, text, images);
                AppendTexts(message, text);
                foreach (var call in message.Contents.OfType<FunctionCallContent>())
                    text.Append(ToolPromptConvention.Call(call)).Append(' ');
            }
            else
            {
                // User and tool turns (results of calls) are both the user's side of LLaVA's conversation.
                text.Append("USER: ");
                AppendImages(message, text, images);
                AppendTexts(message, text);
                foreach (var result in message.Contents.OfType<FunctionResultContent>())
                    text.Append(ToolPromptConvention.Result(result, callNames.GetValueOrDefault(result.CallId))).Append(' ');
            }
        }
        text.Append(GenerationPrompt);
        return new RenderedPrompt(text.ToString(), images, tools is not null);
    }

    private static void AppendImages(ChatMessage message, StringBuilder text, List<DataContent> images)
    {
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case DataContent data when data.HasTopLevelMediaType("image"):
                    images.Add(data);
                    text.Append(ImageMarker).Append('\n');
                    break;
                case DataContent data:
                    throw new NotSupportedException($"{message.Role} message holds {data.MediaType} data; the local model reads text and images only");
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    throw new NotSupportedException($"image by URL ({uri.Uri}): the local model does not fetch URLs; send the image bytes (DataContent)");
            }
        }
    }

    private static void AppendTexts(ChatMessage message, StringBuilder text)
    {
        foreach (var content in message.Contents.OfType<TextContent>())
            text.Append(content.Text.Replace(ImageMarker, "<image >", StringComparison.Ordinal)).Append(' ');
    }
}
