using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Sieve.Server.Jobs;

public enum JobKind { Report, Batch }

public enum JobState { Queued, Running, Done, Failed }

/// <summary>A job as the table holds it. <see cref="Input"/> is the job's own JSON (see <see cref="ReportJobInput"/>,
/// <see cref="BatchJobInput"/>); <see cref="Owner"/> is the API key id that made it (null: the local user).</summary>
public sealed record JobRecord(string Id, JobKind Kind, string? Owner, JobState State, DateTimeOffset Created,
    DateTimeOffset Updated, string Input, int Done, int Total, string? Error);

/// <summary>The job table (SQLite, WAL, <c>jobs.db</c>): a job is written before its id is returned, so a job the
/// client was told about survives a crash; a job found queued or running at start is run again.</summary>
public sealed class JobStore
{
    private readonly string _connection;

    public JobStore(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connection = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true }.ToString();
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS jobs (
              id TEXT PRIMARY KEY, kind TEXT NOT NULL, owner TEXT NULL, state TEXT NOT NULL, created TEXT NOT NULL,
              updated TEXT NOT NULL, input TEXT NOT NULL, done INTEGER NOT NULL, total INTEGER NOT NULL, error TEXT NULL);
            CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);
            """;
        cmd.ExecuteNonQuery();
    }

    /// <summary>A fresh unguessable id: a job's id is all a caller needs to read its report.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public JobRecord Create(string id, JobKind kind, string? owner, string input, int total)
    {
        var now = DateTimeOffset.UtcNow;
        Run("INSERT INTO jobs VALUES ($id, $kind, $owner, $state, $now, $now, $input, 0, $total, NULL)", c =>
        {
            c.Parameters.AddWithValue("$id", id);
            c.Parameters.AddWithValue("$kind", kind.ToString());
            c.Parameters.AddWithValue("$owner", (object?)owner ?? DBNull.Value);
            c.Parameters.AddWithValue("$state", JobState.Queued.ToString());
            c.Parameters.AddWithValue("$now", Stamp(now));
            c.Parameters.AddWithValue("$input", input);
            c.Parameters.AddWithValue("$total", total);
        });
        return new JobRecord(id, kind, owner, JobState.Queued, now, now, input, 0, total, null);
    }

    public void SetState(string id, JobState state, string? error = null) =>
        Run("UPDATE jobs SET state = $state, error = $error, updated = $now WHERE id = $id", c =>
        {
            c.Parameters.AddWithValue("$id", id);
            c.Parameters.AddWithValue("$state", state.ToString());
            c.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
            c.Parameters.AddWithValue("$now", Stamp(DateTimeOffset.UtcNow));
        });

    public void SetProgress(string id, int done, int total) =>
        Run("UPDATE jobs SET done = $done, total = $total, updated = $now WHERE id = $id", c =>
        {
            c.Parameters.AddWithValue("$id", id);
            c.Parameters.AddWithValue("$done", done);
            c.Parameters.AddWithValue("$total", total);
            c.Parameters.AddWithValue("$now", Stamp(DateTimeOffset.UtcNow));
        });

    public JobRecord? Get(string id)
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT id, kind, owner, state, created, updated, input, done, total, error FROM jobs WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        using var r = cmd.ExecuteReader();
        return r.Read() ? Read(r) : null;
    }

    /// <summary>Jobs not finished, oldest first: what a starting server must run.</summary>
    public IReadOnlyList<JobRecord> Unfinished()
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT id, kind, owner, state, created, updated, input, done, total, error FROM jobs " +
                          "WHERE state IN ('Queued', 'Running') ORDER BY created, id";
        using var r = cmd.ExecuteReader();
        var list = new List<JobRecord>();
        while (r.Read()) list.Add(Read(r));
        return list;
    }

    public IReadOnlyDictionary<JobState, int> CountByState()
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT state, COUNT(*) FROM jobs GROUP BY state";
        using var r = cmd.ExecuteReader();
        var counts = new Dictionary<JobState, int>();
        while (r.Read()) counts[Enum.Parse<JobState>(r.GetString(0))] = r.GetInt32(1);
        return counts;
    }

    private static JobRecord Read(SqliteDataReader r) => new(
        r.GetString(0), Enum.Parse<JobKind>(r.GetString(1)), r.IsDBNull(2) ? null : r.GetString(2),
        Enum.Parse<JobState>(r.GetString(3)), Parse(r.GetString(4)), Parse(r.GetString(5)), r.GetString(6),
        r.GetInt32(7), r.GetInt32(8), r.IsDBNull(9) ? null : r.GetString(9));

    private static string Stamp(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);
    private static DateTimeOffset Parse(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);

    private void Run(string sql, Action<SqliteCommand> bind)
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        bind(cmd);
        cmd.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var db = new SqliteConnection(_connection);
        db.Open();
        using var busy = db.CreateCommand();
        // Several workers and requests write at once; wait for the lock rather than fail.
        busy.CommandText = "PRAGMA busy_timeout=5000";
        busy.ExecuteNonQuery();
        return db;
    }
}
