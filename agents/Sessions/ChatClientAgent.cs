using Microsoft.Extensions.AI;
using Sieve.Agents.Planner;

namespace Sieve.Agents.Sessions;

/// <summary>Answers with a chat model behind <see cref="IChatClient"/> (an OpenAI-compatible endpoint or the local
/// runtime, as the backend factory builds it). Each turn sends the system prompt (<see cref="SessionPrompt"/>), the
/// session's earlier <see cref="MessageKind.Chat"/> messages from the store, and the question. With
/// <paramref name="useTools"/> the model may call the Sieve kernel functions (chemistry always; patent and Markush
/// tools on the latest attached patent, whose parent folder is the tools' allowed root) through Semantic Kernel's
/// function invocation, as the model-driven planner does.</summary>
public sealed class ChatClientAgent(
    IChatClient client, string description, bool useTools = true, int maxHistoryMessages = StoredChatHistory.DefaultMaxHistory) : IChatAgent
{
    private static readonly string[] ChemistryTools = ["chemistry.canonicalize", "chemistry.describe", "chemistry.substructure"];
    private static readonly string[] PatentTools = ["patent.read_patent", "markush.parse_claims", "markush.match"];

    private readonly IChatClient _client = client ?? throw new ArgumentNullException(nameof(client));

    public string Description { get; } = description;

    public bool UsesModel => true;

    public async Task<string> AnswerAsync(ChatTurn turn, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var messages = Messages(turn, maxHistoryMessages);
        var (chat, options) = useTools ? WithTools(turn) : (_client, null);
        var response = await chat.GetResponseAsync(messages, options, cancel).ConfigureAwait(false);
        var text = response.Text.Trim();
        return text.Length > 0 ? text : throw new ChatModelException("the model returned an empty answer");
    }

    /// <summary>The request: system prompt, then the last <paramref name="maxHistory"/> chat messages, then the question.</summary>
    internal static List<ChatMessage> Messages(ChatTurn turn, int maxHistory)
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, SessionPrompt.System(turn)) };
        messages.AddRange(StoredChatHistory.Replay(turn.History, maxHistory));
        messages.Add(new ChatMessage(ChatRole.User, turn.Question));
        return messages;
    }

    /// <summary>A kernel per turn: the allowed root follows the latest attached patent, which may change between turns.</summary>
    private (IChatClient, ChatOptions) WithTools(ChatTurn turn)
    {
        var patent = turn.Attachments.LastOrDefault(a => a.Kind == AttachmentKind.Patent);
        var root = patent is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(patent.Value))!;
        var kernel = SieveKernel.Build(_client, root, new ToolCallRecorder());
        var names = patent is null ? ChemistryTools : [.. ChemistryTools, .. PatentTools];
        return (SieveKernel.Chat(kernel), SieveKernel.Options(kernel, SieveKernel.Tools(kernel, names)));
    }
}

/// <summary>The model answered, but not usably.</summary>
public sealed class ChatModelException(string message) : Exception(message);
