namespace Sieve.Server.Hosting;

/// <summary>The "Server" section of appsettings.json (environment: <c>SIEVE_Server__Port=8080</c>).</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>Address to bind. Anything but a loopback address needs at least one API key.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port to bind; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 5080;

    /// <summary>The one folder a request may name by path (patent packages, molecule files); nothing outside it is read.</summary>
    public string AllowedRoot { get; set; } = ".";

    /// <summary>Job table, job folders and the API key table live here.</summary>
    public string DataDirectory { get; set; } = Path.Combine("out", "server");

    /// <summary>Largest request body, uploads included; an API key may lower it for itself.</summary>
    public long MaxRequestBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest total a patent package zip may unpack to (zip bombs stop here, counted as bytes come out).</summary>
    public long MaxExtractedBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>Most entries a patent package zip may hold.</summary>
    public int MaxZipEntries { get; set; } = 2000;

    /// <summary>Time a plain request may take before it is cancelled with 504.</summary>
    public int RequestTimeoutSeconds { get; set; } = 120;

    /// <summary>Time a chat completion (streaming included) may take; the cancellation reaches the chat backend.</summary>
    public int ChatTimeoutSeconds { get; set; } = 600;

    /// <summary>Requests one API key may have in flight when the key sets no limit of its own; more get 429.</summary>
    public int DefaultKeyConcurrency { get; set; } = 8;

    /// <summary>Report and batch jobs run at once.</summary>
    public int JobWorkers { get; set; } = Math.Max(1, Environment.ProcessorCount);

    public string JobsDatabase => Path.Combine(DataDirectory, "jobs.db");
    public string JobsDirectory => Path.Combine(DataDirectory, "jobs");
    public string KeysDatabase => Path.Combine(DataDirectory, "keys.db");
}
