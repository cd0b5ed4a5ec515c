using Microsoft.Extensions.AI;

namespace Sieve.Agents.Sessions;

/// <summary>Answers with a chat model behind <see cref="IChatClient"/> (an OpenAI-compatible endpoint or the local
/// runtime, as the backend factory builds it). Each turn sends the system prompt (<see cref="SessionPrompt"/>), the
/// session's earlier <see cref="MessageKind.Chat"/> messages from the store, and the question.</summary>
public sealed class ChatClientAgent(IChatClient client, string description, int maxHistoryMessages = StoredChatHistory.DefaultMaxHistory) : IChatAgent
{
    private readonly IChatClient _client = client ?? throw new ArgumentNullException(nameof(client));

    public string Description { get; } = description;

    public bool UsesModel => true;

    public async Task<string> AnswerAsync(ChatTurn turn, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var response = await _client.GetResponseAsync(Messages(turn, maxHistoryMessages), cancellationToken: cancel).ConfigureAwait(false);
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
}

/// <summary>The model answered, but not usably.</summary>
public sealed class ChatModelException(string message) : Exception(message);
