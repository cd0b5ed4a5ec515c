using System.Net;
using Sieve.Server.Hosting;

namespace Sieve.Server.Tests;

public sealed class HostTests
{
    [Fact]
    public async Task Healthz_answers_on_loopback_with_job_counts()
    {
        await using var server = await LiveServer.StartAsync();
        Assert.Equal("127.0.0.1", server.Address.Host);
        var response = await server.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await LiveServer.Json(response);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.False(body.GetProperty("chatBackend").GetBoolean());
        Assert.Equal(0, body.GetProperty("jobs").GetProperty("queued").GetInt32());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_endpoints()
    {
        await using var server = await LiveServer.StartAsync();
        var body = await LiveServer.Json(await server.Client.GetAsync("/openapi/v1.json"));
        Assert.StartsWith("3.", body.GetProperty("openapi").GetString());
        var paths = body.GetProperty("paths");
        foreach (var path in new[] { "/v1/reports", "/v1/reports/{id}", "/v1/batches", "/v1/chat/completions", "/v1/models", "/healthz" })
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
    }

    [Fact]
    public async Task Unknown_route_is_problem_json()
    {
        await using var server = await LiveServer.StartAsync();
        var response = await server.Client.GetAsync("/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Non_loopback_address_without_a_key_is_refused_before_binding()
    {
        var e = Assert.Throws<ServerConfigurationException>(() => BindPolicy.Check(BindPolicy.Resolve("0.0.0.0"), activeKeys: 0));
        Assert.Contains("sieve keys create", e.Message);
        BindPolicy.Check(BindPolicy.Resolve("0.0.0.0"), activeKeys: 1);
        BindPolicy.Check(BindPolicy.Resolve("::1"), activeKeys: 0);
        BindPolicy.Check(BindPolicy.Resolve("localhost"), activeKeys: 0);
    }

    [Fact]
    public async Task Building_a_server_for_all_interfaces_without_keys_throws()
    {
        var scratch = Path.Combine(Path.GetTempPath(), "sieve-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            var options = new ServerOptions { Host = "0.0.0.0", Port = 0, AllowedRoot = scratch, DataDirectory = Path.Combine(scratch, "data") };
            Assert.Throws<ServerConfigurationException>(() => SieveServer.Build(options, logging: _ => { }));
            await Task.CompletedTask;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
