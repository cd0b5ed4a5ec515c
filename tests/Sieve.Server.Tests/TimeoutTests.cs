using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Sieve.Server.Tests;

public sealed class TimeoutTests
{
    [Fact]
    public async Task A_chat_past_its_timeout_is_504_and_the_backend_sees_the_cancellation()
    {
        var backend = new HangingBackend();
        await using var server = await LiveServer.StartAsync(s => s.AddSingleton<IChatClient>(backend), o => o.ChatTimeoutSeconds = 1);
        var response = await server.Client.PostAsJsonAsync("/v1/chat/completions", new { model = "patentfinder", messages = new[] { new { role = "user", content = "hi" } } });
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(await backend.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>Never answers; reports when the request's cancellation reaches it.</summary>
    private sealed class HangingBackend : IChatClient
    {
        public TaskCompletionSource<bool> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult(true);
                throw;
            }
            throw new InvalidOperationException("unreachable");
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
        public void Dispose() { }
    }
}
