using Microsoft.Data.Sqlite;
using Sieve.Agents.Sessions;

namespace Sieve.Agents.Tests.Sessions;

public sealed class SessionStoreTests : ScratchFolder
{
    [Fact]
    public void Everything_written_comes_back_from_a_second_store_over_the_same_file()
    {
        string id;
        using (var store = SessionStore.Open(StorePath))
        {
            id = store.CreateSession().Id;
            store.AppendMessage(id, MessageRole.User, MessageKind.Chat, "is celecoxib covered?");
            store.AppendMessage(id, MessageRole.Assistant, MessageKind.Chat, "run /report");
            store.AddAttachment(id, AttachmentKind.Patent, "p", "/abs/p", "patent P", reply: "attached patent P");
            store.AddAttachment(id, AttachmentKind.Molecule, "CCO", "CCO", "molecule CCO");
            store.AddResult(id, new NewResult("/abs/p", "CCO", "CCO", "not covered", "Not covered.", "/r/1", ["/r/1/report.md", "/r/1/report.json"]),
                reply: "verdict: not covered");
        }

        using var again = SessionStore.Open(StorePath);
        var info = again.GetSession(id);
        Assert.NotNull(info);
        Assert.Equal(4, info.MessageCount);
        var messages = again.Messages(id);
        Assert.Equal(["is celecoxib covered?", "run /report", "attached patent P", "verdict: not covered"], messages.Select(m => m.Content));
        Assert.Equal([MessageRole.User, MessageRole.Assistant, MessageRole.Assistant, MessageRole.Assistant], messages.Select(m => m.Role));
        Assert.Equal([MessageKind.Chat, MessageKind.Chat, MessageKind.Command, MessageKind.Command], messages.Select(m => m.Kind));
        var attachments = again.Attachments(id);
        Assert.Equal([AttachmentKind.Patent, AttachmentKind.Molecule], attachments.Select(a => a.Kind));
        Assert.Equal(["/abs/p", "CCO"], attachments.Select(a => a.Value));
        var result = Assert.Single(again.Results(id));
        Assert.Equal("not covered", result.Verdict);
        Assert.Equal(["/r/1/report.md", "/r/1/report.json"], result.Files);
        Assert.Equal("/r/1", result.Directory);
    }

    [Fact]
    public void Sessions_are_listed_most_recent_first_and_kept_apart()
    {
        var clock = new SteppingClock();
        using var store = SessionStore.Open(StorePath, clock);
        var a = store.CreateSession("alpha").Id;
        var b = store.CreateSession("beta").Id;
        store.AppendMessage(a, MessageRole.User, MessageKind.Chat, "later");
        Assert.Equal(["alpha", "beta"], store.ListSessions().Select(s => s.Id));
        Assert.Empty(store.Messages(b));
        Assert.Single(store.Messages(a));
    }

    [Fact]
    public void A_server_can_create_a_session_under_its_own_id_and_find_it_again()
    {
        using var store = SessionStore.Open(StorePath);
        Assert.Null(store.GetSession("client-7"));
        var created = store.GetOrCreateSession("client-7");
        store.AppendMessage("client-7", MessageRole.User, MessageKind.Chat, "hello");
        var found = store.GetOrCreateSession("client-7");
        Assert.Equal(created.CreatedAt, found.CreatedAt);
        Assert.Equal(1, found.MessageCount);
        var e = Assert.Throws<SessionStoreException>(() => store.CreateSession("client-7"));
        Assert.Contains("already exists", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../etc")]
    [InlineData("a b")]
    public void A_malformed_id_is_refused_by_name(string id)
    {
        using var store = SessionStore.Open(StorePath);
        var e = Assert.Throws<SessionStoreException>(() => store.GetOrCreateSession(id));
        Assert.Contains($"'{id}'", e.Message);
    }

    [Fact]
    public void Writing_to_a_missing_session_names_it_and_stores_nothing()
    {
        using var store = SessionStore.Open(StorePath);
        var e = Assert.Throws<SessionStoreException>(() => store.AppendMessage("ghost", MessageRole.User, MessageKind.Chat, "x"));
        Assert.Contains("no session 'ghost'", e.Message);
        Assert.Empty(store.ListSessions());
    }

    [Fact]
    public void A_file_that_is_not_a_store_is_refused_and_left_as_it_was()
    {
        File.WriteAllText(StorePath, "these are my notes, not a database");
        var e = Assert.Throws<SessionStoreException>(() => SessionStore.Open(StorePath));
        Assert.Contains(StorePath, e.Message);
        Assert.Equal("these are my notes, not a database", File.ReadAllText(StorePath));
    }

    [Fact]
    public void A_store_written_by_a_newer_schema_is_refused()
    {
        using (var db = new SqliteConnection($"Data Source={StorePath};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"PRAGMA user_version = {SessionStore.SchemaVersion + 1}";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<SessionStoreException>(() => SessionStore.Open(StorePath));
        Assert.Contains("newer", e.Message);
    }

    /// <summary>Each reading a millisecond after the last, so "most recent" is decided by the clock, not by luck.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => _now = _now.AddMilliseconds(1);
    }
}
