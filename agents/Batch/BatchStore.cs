using Microsoft.Data.Sqlite;

namespace Sieve.Agents.Batch;

/// <summary>One finished pair as the table holds it: the verdicts.jsonl line for it, kept verbatim so the outputs
/// regenerated after a resume are byte-identical to an uninterrupted run.</summary>
public sealed record BatchJob(int MoleculeIndex, string SmilesHash, string Patent, string Status, string ResultJson);

/// <summary>Thrown when an out folder holds the job table of a batch with other inputs.</summary>
public sealed class BatchMismatchException(string message) : InvalidOperationException(message);

/// <summary>The job table of a batch in <c>batch.db</c> (SQLite) in the out folder. A row exists only for a finished
/// pair and is written in its own transaction, so a batch killed at any moment resumes where it stopped. Thread
/// safe: workers share one connection behind a lock (writes are tiny next to the matching).</summary>
public sealed class BatchStore : IDisposable
{
    public const string FileName = "batch.db";
    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();

    private BatchStore(SqliteConnection db) => _db = db;

    /// <summary>Opens (or creates) the table in <paramref name="outDir"/> for the batch whose inputs hash to
    /// <paramref name="identity"/>; throws <see cref="BatchMismatchException"/> if the folder belongs to another batch.</summary>
    public static BatchStore Open(string outDir, string identity, string description)
    {
        Directory.CreateDirectory(outDir);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(outDir, FileName),
            Pooling = false,
        }.ToString());
        db.Open();
        var store = new BatchStore(db);
        try
        {
            store.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
            store.Exec("""
                CREATE TABLE IF NOT EXISTS batch (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS jobs (
                    molecule_index INTEGER NOT NULL, smiles_hash TEXT NOT NULL, patent TEXT NOT NULL,
                    status TEXT NOT NULL, result TEXT NOT NULL,
                    PRIMARY KEY (molecule_index, smiles_hash, patent));
                """);
            using var tx = db.BeginTransaction();
            using var read = db.CreateCommand();
            read.Transaction = tx;
            read.CommandText = "SELECT value FROM batch WHERE key = 'identity'";
            var existing = read.ExecuteScalar() as string;
            if (existing is null)
            {
                using var write = db.CreateCommand();
                write.Transaction = tx;
                write.CommandText = "INSERT INTO batch (key, value) VALUES ('identity', $i), ('inputs', $d)";
                write.Parameters.AddWithValue("$i", identity);
                write.Parameters.AddWithValue("$d", description);
                write.ExecuteNonQuery();
            }
            else if (existing != identity)
            {
                read.CommandText = "SELECT value FROM batch WHERE key = 'inputs'";
                var theirs = read.ExecuteScalar() as string ?? "?";
                throw new BatchMismatchException(
                    $"{outDir} holds another batch ({theirs}); this one is {description}. Use another --out folder, " +
                    $"or delete {Path.Combine(outDir, FileName)} to start over.");
            }
            tx.Commit();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The keys of the pairs already done.</summary>
    public HashSet<(int, string, string)> DoneKeys()
    {
        var done = new HashSet<(int, string, string)>();
        foreach (var j in All()) done.Add((j.MoleculeIndex, j.SmilesHash, j.Patent));
        return done;
    }

    public IReadOnlyList<BatchJob> All()
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT molecule_index, smiles_hash, patent, status, result FROM jobs";
            using var r = cmd.ExecuteReader();
            var list = new List<BatchJob>();
            while (r.Read()) list.Add(new BatchJob(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)));
            return list;
        }
    }

    /// <summary>Records one finished pair in its own transaction.</summary>
    public void Complete(BatchJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            using var cmd = _db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT OR REPLACE INTO jobs (molecule_index, smiles_hash, patent, status, result) VALUES ($m, $h, $p, $s, $r)";
            cmd.Parameters.AddWithValue("$m", job.MoleculeIndex);
            cmd.Parameters.AddWithValue("$h", job.SmilesHash);
            cmd.Parameters.AddWithValue("$p", job.Patent);
            cmd.Parameters.AddWithValue("$s", job.Status);
            cmd.Parameters.AddWithValue("$r", job.ResultJson);
            cmd.ExecuteNonQuery();
            tx.Commit();
        }
    }

    private void Exec(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => _db.Dispose();
}
