using Microsoft.Extensions.AI;
using Sieve.Agents.Sessions;

namespace Sieve.Agents.Tests.Sessions;

/// <summary>The session as chat messages, the way a server binds a request to a session id.</summary>
public sealed class StoredChatHistoryTests : ScratchFolder
{
    [Fact]
    public void A_saved_exchange_comes_back_before_the_next_request_without_system_tool_or_command_messages()
    {
        using var store = SessionStore.Open(StorePath);
        var id = store.CreateSession().Id;
        store.AppendMessage(id, MessageRole.User, MessageKind.Command, "/attach CCO");
        var history = new StoredChatHistory(store);

        var first = new List<ChatMessage> { new(ChatRole.System, "be brief"), new(ChatRole.User, "is it covered?") };
        Assert.Equal(first, history.Open(id, first));
        history.Save(id, first, [new ChatMessage(ChatRole.Tool, "{\"verdict\":\"covered\"}"), new ChatMessage(ChatRole.Assistant, "Yes, by claim 1.")]);

        var next = history.Open(id, [new ChatMessage(ChatRole.User, "which R2?")])!;
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.User], next.Select(m => m.Role));
        Assert.Equal(["is it covered?", "Yes, by claim 1.", "which R2?"], next.Select(m => m.Text));
        // The command stays in the stored history, shown to people but not replayed.
        Assert.Equal(3, store.Messages(id).Count);
    }

    [Fact]
    public void Replay_keeps_the_latest_messages_only()
    {
        using var store = SessionStore.Open(StorePath);
        var id = store.CreateSession().Id;
        for (var i = 1; i <= 5; i++) store.AppendMessage(id, MessageRole.User, MessageKind.Chat, $"q{i}");
        Assert.Equal(["q4", "q5"], StoredChatHistory.Replay(store.Messages(id), max: 2).Select(m => m.Text));
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("../x")]
    public void An_unknown_or_malformed_session_is_not_found(string id)
    {
        using var store = SessionStore.Open(StorePath);
        Assert.Null(new StoredChatHistory(store).Open(id, []));
    }

    [Fact]
    public void Several_messages_are_stored_all_or_none()
    {
        using var store = SessionStore.Open(StorePath);
        var id = store.CreateSession().Id;
        Assert.Throws<ArgumentException>(() => store.AppendMessages(id,
            [new NewMessage(MessageRole.User, MessageKind.Chat, "kept?"), new NewMessage(MessageRole.Assistant, MessageKind.Chat, null!)]));
        Assert.Empty(store.Messages(id));
        Assert.Equal(2, store.AppendMessages(id,
            [new NewMessage(MessageRole.User, MessageKind.Chat, "a"), new NewMessage(MessageRole.Assistant, MessageKind.Chat, "b")]).Count);
        Assert.Equal(["a", "b"], store.Messages(id).Select(m => m.Content));
    }
}
