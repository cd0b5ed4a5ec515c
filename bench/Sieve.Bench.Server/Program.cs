using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Sieve.Bench.Server;
using Sieve.Server;
using Sieve.Server.Hosting;
using Sieve.Server.Security;

// The agent API under load on loopback (server and clients in one process, one machine): N concurrent clients for
// S seconds against (1) the report job endpoint — POST /v1/reports for celecoxib x the coxib sample, then poll until
// the report is there and check its verdict — and (2) /v1/chat/completions with a scripted backend, half of the
// requests streamed. Every client sends an API key (the key path is part of what is measured). At the end every job
// id handed out is read back: a job that is not done is a lost job.
// Usage: bench/server.sh [--clients 32] [--seconds 60]

var clients = Arg("--clients", 32);
var seconds = Arg("--seconds", 60);
var root = FindRepoRoot();
var scratch = Path.Combine(Path.GetTempPath(), "sieve-bench-server", Guid.NewGuid().ToString("N"));
var options = new ServerOptions
{
    Port = 0,
    AllowedRoot = Path.Combine(root, "samples"),
    DataDirectory = scratch,
    DefaultKeyConcurrency = clients,
};
Directory.CreateDirectory(scratch);
var (key, _) = new ApiKeyStore(options.KeysDatabase).Create("bench", maxConcurrency: clients);
await using var app = SieveServer.Build(options, s => s.AddSingleton<IChatClient>(new ScriptedBackend()), logging: _ => { });
await app.StartAsync();
var address = SieveServer.Address(app);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
Console.WriteLine($"server {address} (in process), {Environment.ProcessorCount} cores, {options.JobWorkers} job workers; {clients} clients x {seconds} s per phase");

const string Celecoxib = "Cc1ccc(cc1)-c1cc(nn1-c1ccc(cc1)S(N)(=O)=O)C(F)(F)F";
var issued = new ConcurrentBag<string>();
var reports = await LoadLoop.RunAsync("report jobs (submit -> poll -> report)", clients, TimeSpan.FromSeconds(seconds), async _ =>
{
    var post = await http.PostAsJsonAsync("/v1/reports", new { patentPath = "patents/coxib-diarylpyrazole", molecule = Celecoxib });
    if (post.StatusCode != HttpStatusCode.Accepted) return $"POST {(int)post.StatusCode}: {await post.Content.ReadAsStringAsync()}";
    var location = post.Headers.Location!.ToString();
    issued.Add(location);
    while (true)
    {
        var get = await http.GetAsync(location);
        if (get.StatusCode == HttpStatusCode.Accepted) { await Task.Delay(20); continue; }
        if (get.StatusCode != HttpStatusCode.OK) return $"GET {(int)get.StatusCode}: {await get.Content.ReadAsStringAsync()}";
        var verdict = (await get.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verdict").GetString();
        return verdict == "covered" ? null : $"verdict {verdict}, expected covered";
    }
});

var chat = await LoadLoop.RunAsync("chat completions (half streamed)", clients, TimeSpan.FromSeconds(seconds), async client =>
{
    var stream = client % 2 == 1;
    var body = new { model = "patentfinder", stream, messages = new[] { new { role = "user", content = "is celecoxib covered?" } } };
    using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(body) };
    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    if (response.StatusCode != HttpStatusCode.OK) return $"chat {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
    var text = await response.Content.ReadAsStringAsync();
    if (!stream)
        return JsonDocument.Parse(text).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() == ScriptedBackend.Text
            ? null : "wrong answer";
    var content = new StringBuilder();
    foreach (var line in text.Split('\n'))
    {
        if (!line.StartsWith("data: {", StringComparison.Ordinal)) continue;
        var choices = JsonDocument.Parse(line[6..]).RootElement.GetProperty("choices");
        if (choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("content", out var c)) content.Append(c.GetString());
    }
    return text.TrimEnd().EndsWith("data: [DONE]", StringComparison.Ordinal) && content.ToString() == ScriptedBackend.Text ? null : "stream incomplete";
});

// Zero lost jobs: every job handed out reads back as a finished report.
var lost = 0;
foreach (var location in issued)
    if ((await http.GetAsync(location + "/status")).StatusCode != HttpStatusCode.OK
        || (await http.GetFromJsonAsync<JsonElement>(location + "/status")).GetProperty("status").GetString() != "done")
        lost++;

Console.WriteLine();
Console.WriteLine($"{"phase",-42} {"ok",7} {"errors",7} {"per s",8} {"p50 ms",8} {"p99 ms",8}");
foreach (var r in new[] { reports, chat })
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Name,-42} {r.Ok,7} {r.Errors,7} {r.Ok / r.Elapsed.TotalSeconds,8:F1} {r.Percentile(50),8:F1} {r.Percentile(99),8:F1}"));
    foreach (var f in r.FirstFailures) Console.WriteLine($"  failure: {f}");
}
Console.WriteLine($"jobs issued {issued.Count}, lost {lost}");
await app.StopAsync();
try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
return reports.Errors + chat.Errors + lost == 0 ? 0 : 1;

static int Arg(string name, int fallback)
{
    var args = Environment.GetCommandLineArgs();
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Agents.sln"))) return dir.FullName;
    throw new InvalidOperationException("run inside the repository");
}
