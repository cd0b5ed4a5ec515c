using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Sieve.Agents.Sessions;

/// <summary>A result to store: <see cref="SessionStore.AddResult"/> gives it its id and time.</summary>
public sealed record NewResult(
    string Patent, string Molecule, string CanonicalSmiles, string Verdict, string Summary, string Directory, IReadOnlyList<string> Files);

/// <summary>A message to store: <see cref="SessionStore.AppendMessages"/> gives it its id and time.</summary>
public sealed record NewMessage(MessageRole Role, MessageKind Kind, string Content);

/// <summary>Chat sessions in one SQLite file: sessions, their messages, attachments and report results.
/// <para>Every write is one transaction committed before the call returns (WAL, synchronous=FULL), so a process
/// that dies at any moment loses nothing already returned from here; a second instance over the same file (a
/// restarted process, or another process) sees it all. Thread safe: calls share one connection behind a lock.</para>
/// <para>The API a server needs: <see cref="CreateSession"/>, <see cref="GetSession"/>,
/// <see cref="GetOrCreateSession"/> (a client-chosen id), <see cref="ListSessions"/>, <see cref="AppendMessage"/>,
/// <see cref="AppendMessages"/> and <see cref="Messages"/>; attachments and results are read the same way.
/// <see cref="StoredChatHistory"/> maps a session to and from <c>Microsoft.Extensions.AI</c> chat messages.</para></summary>
public sealed partial class SessionStore : IDisposable
{
    /// <summary>The schema this code writes (<c>PRAGMA user_version</c>); a newer file is refused rather than misread.</summary>
    public const int SchemaVersion = 1;

    private readonly SqliteConnection _db;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();

    /// <summary>The store file, as an absolute path.</summary>
    public string Path { get; }

    private SessionStore(SqliteConnection db, string path, TimeProvider clock)
    {
        _db = db;
        Path = path;
        _clock = clock;
    }

    /// <summary>Opens the store at <paramref name="path"/>, creating the file and its folder when missing. Throws
    /// <see cref="SessionStoreException"/> naming the file when it is not a session store or cannot be written.</summary>
    public static SessionStore Open(string path, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (System.IO.Directory.Exists(full)) throw new SessionStoreException($"{full}: is a folder; the session store is a file");
        SqliteConnection? db = null;
        try
        {
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
            db.Open();
            var store = new SessionStore(db, full, clock ?? TimeProvider.System);
            store.CreateSchema();
            return store;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            db?.Dispose();
            throw new SessionStoreException($"{full}: cannot be used as a session store ({e.Message})", e);
        }
        catch
        {
            db?.Dispose();
            throw;
        }
    }

    private void CreateSchema()
    {
        Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
        using var tx = _db.BeginTransaction();
        var version = Convert.ToInt32(Scalar(tx, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
            throw new SessionStoreException($"{Path}: written by a newer Sieve (schema {version}; this one reads {SchemaVersion})");
        Exec(tx, """
            CREATE TABLE IF NOT EXISTS sessions (
                id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS messages (
                id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL REFERENCES sessions(id),
                role TEXT NOT NULL, kind TEXT NOT NULL, content TEXT NOT NULL, at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS messages_by_session ON messages(session_id, id);
            CREATE TABLE IF NOT EXISTS attachments (
                id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL REFERENCES sessions(id),
                kind TEXT NOT NULL, input TEXT NOT NULL, value TEXT NOT NULL, description TEXT NOT NULL, at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS results (
                id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL REFERENCES sessions(id),
                patent TEXT NOT NULL, molecule TEXT NOT NULL, canonical_smiles TEXT NOT NULL, verdict TEXT NOT NULL,
                summary TEXT NOT NULL, directory TEXT NOT NULL, files TEXT NOT NULL, at TEXT NOT NULL);
            """);
        Exec(tx, $"PRAGMA user_version = {SchemaVersion}");
        tx.Commit();
    }

    /// <summary>Letters, digits, '-' and '_', 1 to 64 of them: safe in a path, a URL and a header.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();

    /// <summary>Throws <see cref="SessionStoreException"/> unless <paramref name="id"/> is a valid session id.</summary>
    public static void ValidateId(string id)
    {
        if (id is null || !IdPattern().IsMatch(id))
            throw new SessionStoreException($"session id '{id}': use 1 to 64 letters, digits, '-' or '_'");
    }

    /// <summary>A fresh random id (12 hex digits).</summary>
    public static string NewId() => Guid.NewGuid().ToString("N")[..12];

    /// <summary>Creates a session with <paramref name="id"/> (a new random one when null); throws
    /// <see cref="SessionStoreException"/> if the id is malformed or taken.</summary>
    public SessionInfo CreateSession(string? id = null)
    {
        id ??= NewId();
        ValidateId(id);
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            if (Read(tx, id) is not null) throw new SessionStoreException($"session '{id}' already exists in {Path}");
            var now = Now();
            Exec(tx, "INSERT INTO sessions (id, created_at, updated_at) VALUES ($id, $now, $now)", ("$id", id), ("$now", now));
            tx.Commit();
            return new SessionInfo(id, Parse(now), Parse(now), 0);
        }
    }

    /// <summary>The session, or null when the store has none with that id.</summary>
    public SessionInfo? GetSession(string id)
    {
        ValidateId(id);
        lock (_gate) return Read(null, id);
    }

    /// <summary>The session with <paramref name="id"/>, created first when missing (for a client that picks ids).</summary>
    public SessionInfo GetOrCreateSession(string id)
    {
        ValidateId(id);
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            if (Read(tx, id) is { } found) return found;
            var now = Now();
            Exec(tx, "INSERT INTO sessions (id, created_at, updated_at) VALUES ($id, $now, $now)", ("$id", id), ("$now", now));
            tx.Commit();
            return new SessionInfo(id, Parse(now), Parse(now), 0);
        }
    }

    /// <summary>Every session, the most recently changed first.</summary>
    public IReadOnlyList<SessionInfo> ListSessions()
    {
        lock (_gate)
        {
            using var cmd = Command(null, """
                SELECT s.id, s.created_at, s.updated_at, (SELECT COUNT(*) FROM messages m WHERE m.session_id = s.id)
                FROM sessions s ORDER BY s.updated_at DESC, s.id
                """);
            using var r = cmd.ExecuteReader();
            var list = new List<SessionInfo>();
            while (r.Read()) list.Add(new SessionInfo(r.GetString(0), Parse(r.GetString(1)), Parse(r.GetString(2)), r.GetInt32(3)));
            return list;
        }
    }

    /// <summary>Appends one message to a session (committed when this returns).</summary>
    public StoredMessage AppendMessage(string sessionId, MessageRole role, MessageKind kind, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            var message = Insert(tx, sessionId, role, kind, content, Now());
            tx.Commit();
            return message;
        }
    }

    /// <summary>Appends several messages to a session in one transaction: all of them are stored, or none.</summary>
    public IReadOnlyList<StoredMessage> AppendMessages(string sessionId, IReadOnlyList<NewMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            Require(sessionId, tx);
            var now = Now();
            var stored = messages.Select(m => Insert(tx, sessionId, m.Role, m.Kind, m.Content ?? throw new ArgumentException("a message has no content"), now)).ToList();
            tx.Commit();
            return stored;
        }
    }

    /// <summary>A session's messages in the order they were written.</summary>
    public IReadOnlyList<StoredMessage> Messages(string sessionId)
    {
        lock (_gate)
        {
            Require(sessionId);
            using var cmd = Command(null, "SELECT id, role, kind, content, at FROM messages WHERE session_id = $s ORDER BY id", ("$s", sessionId));
            using var r = cmd.ExecuteReader();
            var list = new List<StoredMessage>();
            while (r.Read())
                list.Add(new StoredMessage(r.GetInt64(0), sessionId, Enum.Parse<MessageRole>(r.GetString(1)),
                    Enum.Parse<MessageKind>(r.GetString(2)), r.GetString(3), Parse(r.GetString(4))));
            return list;
        }
    }

    /// <summary>Stores an attachment and, in the same transaction, the assistant's <paramref name="reply"/> to it.</summary>
    public SessionAttachment AddAttachment(
        string sessionId, AttachmentKind kind, string input, string value, string description, string? reply = null)
    {
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            Require(sessionId, tx);
            var now = Now();
            var id = InsertReturningId(tx, """
                INSERT INTO attachments (session_id, kind, input, value, description, at) VALUES ($s, $k, $i, $v, $d, $at)
                """, ("$s", sessionId), ("$k", kind.ToString()), ("$i", input), ("$v", value), ("$d", description), ("$at", now));
            if (reply is not null) Insert(tx, sessionId, MessageRole.Assistant, MessageKind.Command, reply, now);
            else Touch(tx, sessionId, now);
            tx.Commit();
            return new SessionAttachment(id, sessionId, kind, input, value, description, Parse(now));
        }
    }

    /// <summary>A session's attachments in the order they were made.</summary>
    public IReadOnlyList<SessionAttachment> Attachments(string sessionId)
    {
        lock (_gate)
        {
            Require(sessionId);
            using var cmd = Command(null, "SELECT id, kind, input, value, description, at FROM attachments WHERE session_id = $s ORDER BY id", ("$s", sessionId));
            using var r = cmd.ExecuteReader();
            var list = new List<SessionAttachment>();
            while (r.Read())
                list.Add(new SessionAttachment(r.GetInt64(0), sessionId, Enum.Parse<AttachmentKind>(r.GetString(1)), r.GetString(2),
                    r.GetString(3), r.GetString(4), Parse(r.GetString(5))));
            return list;
        }
    }

    /// <summary>Stores a report result and, in the same transaction, the assistant's <paramref name="reply"/> to it.</summary>
    public SessionResult AddResult(string sessionId, NewResult result, string? reply = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            Require(sessionId, tx);
            var now = Now();
            var id = InsertReturningId(tx, """
                INSERT INTO results (session_id, patent, molecule, canonical_smiles, verdict, summary, directory, files, at)
                VALUES ($s, $p, $m, $c, $v, $sum, $d, $f, $at)
                """, ("$s", sessionId), ("$p", result.Patent), ("$m", result.Molecule), ("$c", result.CanonicalSmiles),
                ("$v", result.Verdict), ("$sum", result.Summary), ("$d", result.Directory),
                ("$f", JsonSerializer.Serialize(result.Files)), ("$at", now));
            if (reply is not null) Insert(tx, sessionId, MessageRole.Assistant, MessageKind.Command, reply, now);
            else Touch(tx, sessionId, now);
            tx.Commit();
            return new SessionResult(id, sessionId, result.Patent, result.Molecule, result.CanonicalSmiles, result.Verdict,
                result.Summary, result.Directory, result.Files, Parse(now));
        }
    }

    /// <summary>A session's report results in the order they were produced.</summary>
    public IReadOnlyList<SessionResult> Results(string sessionId)
    {
        lock (_gate)
        {
            Require(sessionId);
            using var cmd = Command(null, """
                SELECT id, patent, molecule, canonical_smiles, verdict, summary, directory, files, at
                FROM results WHERE session_id = $s ORDER BY id
                """, ("$s", sessionId));
            using var r = cmd.ExecuteReader();
            var list = new List<SessionResult>();
            while (r.Read())
                list.Add(new SessionResult(r.GetInt64(0), sessionId, r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                    r.GetString(5), r.GetString(6), JsonSerializer.Deserialize<string[]>(r.GetString(7)) ?? [], Parse(r.GetString(8))));
            return list;
        }
    }

    private StoredMessage Insert(SqliteTransaction tx, string sessionId, MessageRole role, MessageKind kind, string content, string now)
    {
        Require(sessionId, tx);
        var id = InsertReturningId(tx, "INSERT INTO messages (session_id, role, kind, content, at) VALUES ($s, $r, $k, $c, $at)",
            ("$s", sessionId), ("$r", role.ToString()), ("$k", kind.ToString()), ("$c", content), ("$at", now));
        Touch(tx, sessionId, now);
        return new StoredMessage(id, sessionId, role, kind, content, Parse(now));
    }

    private void Touch(SqliteTransaction tx, string sessionId, string now) =>
        Exec(tx, "UPDATE sessions SET updated_at = $now WHERE id = $id", ("$now", now), ("$id", sessionId));

    private void Require(string sessionId, SqliteTransaction? tx = null)
    {
        ValidateId(sessionId);
        if (Scalar(tx, "SELECT 1 FROM sessions WHERE id = $id", ("$id", sessionId)) is null)
            throw new SessionStoreException($"no session '{sessionId}' in {Path}");
    }

    private SessionInfo? Read(SqliteTransaction? tx, string id)
    {
        using var cmd = Command(tx, """
            SELECT created_at, updated_at, (SELECT COUNT(*) FROM messages WHERE session_id = $id) FROM sessions WHERE id = $id
            """, ("$id", id));
        using var r = cmd.ExecuteReader();
        return r.Read() ? new SessionInfo(id, Parse(r.GetString(0)), Parse(r.GetString(1)), r.GetInt32(2)) : null;
    }

    // Round-trip ISO 8601 in UTC: sorts as text, so "most recent first" is a plain ORDER BY.
    private string Now() => _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string at) =>
        DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private SqliteCommand Command(SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return cmd;
    }

    private long InsertReturningId(SqliteTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(tx, sql + " RETURNING id", parameters);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private object? Scalar(SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(tx, sql, parameters);
        return cmd.ExecuteScalar();
    }

    private void Exec(SqliteTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(tx, sql, parameters);
        cmd.ExecuteNonQuery();
    }

    private void Exec(string sql)
    {
        using var cmd = Command(null, sql);
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => _db.Dispose();
}
