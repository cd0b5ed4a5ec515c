using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Sieve.Server.Hosting;

namespace Sieve.Server.Tests;

/// <summary>A real Kestrel server on 127.0.0.1, port 0, over a scratch data folder and a scratch allowed root that
/// holds a copy of the coxib sample package (at <c>patents/coxib</c>). <see cref="RestartAsync"/> stops it and starts
/// a new one on the same folders.</summary>
internal sealed class LiveServer : IAsyncDisposable
{
    public const string Celecoxib = "Cc1ccc(cc1)-c1cc(nn1-c1ccc(cc1)S(N)(=O)=O)C(F)(F)F";

    private readonly Action<IServiceCollection>? _services;
    private WebApplication? _app;

    private LiveServer(ServerOptions options, Action<IServiceCollection>? services)
    {
        Options = options;
        _services = services;
    }

    public ServerOptions Options { get; }
    public string Scratch => Path.GetDirectoryName(Options.DataDirectory)!;
    public HttpClient Client { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;

    public static async Task<LiveServer> StartAsync(Action<IServiceCollection>? services = null, Action<ServerOptions>? configure = null)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "sieve-server-tests", Guid.NewGuid().ToString("N"));
        var root = Path.Combine(scratch, "root");
        CopyDirectory(Repository.Patent("coxib-diarylpyrazole"), Path.Combine(root, "patents", "coxib"));
        var options = new ServerOptions { Port = 0, AllowedRoot = root, DataDirectory = Path.Combine(scratch, "data"), JobWorkers = 2 };
        configure?.Invoke(options);
        var server = new LiveServer(options, services);
        await server.StartAppAsync();
        return server;
    }

    public async Task RestartAsync(Action<IServiceCollection>? services = null)
    {
        await StopAppAsync();
        await StartAppAsync(services);
    }

    private async Task StartAppAsync(Action<IServiceCollection>? services = null)
    {
        _app = SieveServer.Build(Options, services ?? _services, logging: _ => { });
        await _app.StartAsync();
        Address = SieveServer.Address(_app);
        Client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    private async Task StopAppAsync()
    {
        Client.Dispose();
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public void UseKey(string key) => Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

    /// <summary>Polls a job until it leaves queued/running (200 or a problem), failing after 60 s.</summary>
    public async Task<HttpResponseMessage> WaitAsync(string location, string query = "")
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await Client.GetAsync(location + query);
            if (response.StatusCode != System.Net.HttpStatusCode.Accepted) return response;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{location} still pending after 60 s");
            await Task.Delay(50);
        }
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>())!;

    public async ValueTask DisposeAsync()
    {
        await StopAppAsync();
        try { Directory.Delete(Scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from)) CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
    }
}
