using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Sieve.Agents.PatentFinder;
using Sieve.Agents.Reports;
using Sieve.Server.Jobs;
using Sieve.Server.Security;

namespace Sieve.Server.Tests;

public sealed class ApiKeyTests
{
    [Fact]
    public void Keys_are_stored_only_as_hashes_and_revocation_sticks()
    {
        var path = Path.Combine(Path.GetTempPath(), "sieve-server-tests", Guid.NewGuid().ToString("N"), "keys.db");
        var store = new ApiKeyStore(path);
        var (key, info) = store.Create("eln", maxConcurrency: 2);
        Assert.StartsWith(ApiKeyStore.Prefix + info.Id + "_", key);
        Assert.Equal(info.Id, store.Find(key)?.Id);
        Assert.Null(store.Find(key + "x"));

        // Nothing in the file holds the key or its secret part.
        SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(path);
        var secret = key[(key.LastIndexOf('_') + 1)..];
        Assert.Equal(-1, System.Text.Encoding.ASCII.GetString(bytes).IndexOf(secret, StringComparison.Ordinal));

        Assert.True(store.Revoke(info.Id));
        Assert.False(store.Revoke(info.Id));
        Assert.Null(store.Find(key));
        Assert.NotNull(Assert.Single(store.List()).Revoked);
        Assert.Equal(0, store.ActiveCount());
    }

    [Fact]
    public async Task Once_a_key_exists_requests_need_one_and_healthz_stays_open()
    {
        await using var server = await LiveServer.StartAsync();
        var keys = new ApiKeyStore(server.Options.KeysDatabase);
        var (key, info) = keys.Create("pipeline");

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/healthz")).StatusCode);
        var anonymous = await server.Client.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("sieve keys create", (await LiveServer.Json(anonymous)).GetProperty("detail").GetString());

        server.UseKey(key);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/v1/models")).StatusCode);
        using (var viaHeader = new HttpRequestMessage(HttpMethod.Get, "/v1/models"))
        {
            viaHeader.Headers.Authorization = null;
            viaHeader.Headers.Add("X-API-Key", key);
            Assert.Equal(HttpStatusCode.OK, (await new HttpClient { BaseAddress = server.Address }.SendAsync(viaHeader)).StatusCode);
        }

        keys.Revoke(info.Id);
        var second = keys.Create("other").Key; // keys still exist, so auth stays on
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.GetAsync("/v1/models")).StatusCode);
        server.UseKey(second);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/v1/models")).StatusCode);
    }

    [Fact]
    public async Task A_key_gets_429_beyond_its_concurrency_and_413_beyond_its_size()
    {
        // The slot is held by a chat request whose backend answers only when released (a trickling body would be
        // cut off by Kestrel's minimum data rate on a slow machine and free the slot early).
        var backend = new HeldChatClient();
        await using var server = await LiveServer.StartAsync(s => s.AddSingleton<Microsoft.Extensions.AI.IChatClient>(backend));
        var keys = new ApiKeyStore(server.Options.KeysDatabase);
        var (key, _) = keys.Create("small", maxConcurrency: 1, maxRequestBytes: 4096);
        server.UseKey(key);

        var inFlight = server.Client.PostAsJsonAsync("/v1/chat/completions",
            new { model = "patentfinder", messages = new[] { new { role = "user", content = "hold" } } });
        await backend.Started.Task;
        var refused = await server.Client.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
        backend.Release.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await inFlight).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/v1/models")).StatusCode);

        var big = await server.Client.PostAsync("/v1/reports", new ByteArrayContent(new byte[10_000]) { Headers = { ContentType = new("application/json") } });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Contains("4096", (await LiveServer.Json(big)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_job_is_visible_only_to_the_key_that_made_it()
    {
        await using var server = await LiveServer.StartAsync();
        var keys = new ApiKeyStore(server.Options.KeysDatabase);
        var (alice, _) = keys.Create("alice");
        var (bob, _) = keys.Create("bob");
        server.UseKey(alice);
        var post = await server.Client.PostAsJsonAsync("/v1/reports", new { patentPath = "patents/coxib", molecule = LiveServer.Celecoxib });
        var location = post.Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await server.WaitAsync(location)).StatusCode);
        server.UseKey(bob);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync(location)).StatusCode);
    }

    /// <summary>A chat backend that signals when a request reaches it and answers when released.</summary>
    private sealed class HeldChatClient : Microsoft.Extensions.AI.IChatClient
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<Microsoft.Extensions.AI.ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages,
            Microsoft.Extensions.AI.ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Started.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return new(new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.Assistant, "released"));
        }

        public IAsyncEnumerable<Microsoft.Extensions.AI.ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages,
            Microsoft.Extensions.AI.ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}
