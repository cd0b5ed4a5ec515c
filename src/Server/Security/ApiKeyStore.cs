using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Sieve.Server.Security;

/// <summary>An API key as stored: never the key itself, only its SHA-256 (the key is 256 random bits, so a plain
/// hash cannot be reversed by guessing). Limits of 0 mean "the server's default".</summary>
public sealed record ApiKeyInfo(string Id, string Name, DateTimeOffset Created, DateTimeOffset? Revoked, int MaxConcurrency, long MaxRequestBytes)
{
    public bool Active => Revoked is null;
}

/// <summary>The API key table (SQLite, <c>keys.db</c> in the data folder), shared by <c>sieve keys</c> and the server:
/// a key revoked on the command line is refused by a running server at its next request.</summary>
public sealed class ApiKeyStore
{
    /// <summary>Every key starts so; the id after it lets a person tell keys apart in logs without the secret.</summary>
    public const string Prefix = "sieve_";

    private readonly string _connection;

    public ApiKeyStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connection = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true }.ToString();
        using var db = Open();
        Execute(db, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS api_keys (
              id TEXT PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, created TEXT NOT NULL,
              revoked TEXT NULL, max_concurrency INTEGER NOT NULL, max_request_bytes INTEGER NOT NULL);
            """);
    }

    /// <summary>Makes a key and returns it with its record; the key is shown this once and cannot be recovered.</summary>
    public (string Key, ApiKeyInfo Info) Create(string name, int maxConcurrency = 0, long maxRequestBytes = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(maxConcurrency);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRequestBytes);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = $"{Prefix}{id}_{secret}";
        var info = new ApiKeyInfo(id, name.Trim(), DateTimeOffset.UtcNow, null, maxConcurrency, maxRequestBytes);
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "INSERT INTO api_keys VALUES ($id, $name, $hash, $created, NULL, $c, $b)";
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$name", info.Name);
        cmd.Parameters.AddWithValue("$hash", Hash(key));
        cmd.Parameters.AddWithValue("$created", info.Created.ToString("O", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$c", maxConcurrency);
        cmd.Parameters.AddWithValue("$b", maxRequestBytes);
        cmd.ExecuteNonQuery();
        return (key, info);
    }

    public IReadOnlyList<ApiKeyInfo> List()
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT id, name, created, revoked, max_concurrency, max_request_bytes FROM api_keys ORDER BY created, id";
        using var r = cmd.ExecuteReader();
        var list = new List<ApiKeyInfo>();
        while (r.Read()) list.Add(Read(r));
        return list;
    }

    public int ActiveCount()
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM api_keys WHERE revoked IS NULL";
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Revokes by id (or by the full key); false when no active key matches.</summary>
    public bool Revoke(string idOrKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrKey);
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "UPDATE api_keys SET revoked = $now WHERE (id = $id OR hash = $hash) AND revoked IS NULL";
        cmd.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$id", idOrKey.Trim());
        cmd.Parameters.AddWithValue("$hash", Hash(idOrKey.Trim()));
        return cmd.ExecuteNonQuery() > 0;
    }

    /// <summary>The active key whose hash matches <paramref name="key"/>, or null.</summary>
    public ApiKeyInfo? Find(string key)
    {
        if (string.IsNullOrEmpty(key) || !key.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT id, name, created, revoked, max_concurrency, max_request_bytes FROM api_keys WHERE hash = $hash AND revoked IS NULL";
        cmd.Parameters.AddWithValue("$hash", Hash(key));
        using var r = cmd.ExecuteReader();
        return r.Read() ? Read(r) : null;
    }

    private static ApiKeyInfo Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), DateTimeOffset.Parse(r.GetString(2), CultureInfo.InvariantCulture),
        r.IsDBNull(3) ? null : DateTimeOffset.Parse(r.GetString(3), CultureInfo.InvariantCulture),
        r.GetInt32(4), r.GetInt64(5));

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private SqliteConnection Open()
    {
        var db = new SqliteConnection(_connection);
        db.Open();
        return db;
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
