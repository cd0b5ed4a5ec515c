using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Sieve.Agents.Models;
using Sieve.Agents.Tests.Planner;

namespace Sieve.Agents.Tests.Models;

/// <summary>ChatBackendFactory: which settings give which backend, and the errors that name what to fix.</summary>
/// <remarks>The kinds registry is process-wide: the CLI's command tree registers "local" when built (ReportCommandTests
/// builds it), so the tests that touch the registry share one non-parallel collection.</remarks>
[Collection(ChatBackendRegistryCollection.Name)]
public class ChatBackendFactoryTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void No_section_and_kind_none_mean_no_model()
    {
        Assert.Null(ChatBackendFactory.Create(Config()));
        Assert.Null(ChatBackendFactory.Create(Config(("Agents:Backend:Kind", "none"))));
        Assert.Null(ChatBackendFactory.Create(Config(("Agents:Backend:Kind", "None"))));
    }

    [Fact]
    public void The_shipped_appsettings_configure_no_model()
    {
        var file = Path.Combine(FindRepositoryRoot(), "appsettings.json");
        Assert.Null(ChatBackendFactory.Create(new ConfigurationBuilder().AddJsonFile(file).Build(), NoEnvironment));
    }

    [Fact]
    public async Task Openai_talks_to_the_configured_endpoint_with_the_key_from_the_named_variable()
    {
        using var server = new ScriptedChatServer(_ => ScriptedReply.Say("hello"));
        var chat = ChatBackendFactory.Create(Config(
            ("Agents:Backend:Kind", "openai"),
            ("Agents:Backend:OpenAI:Endpoint", server.Endpoint),
            ("Agents:Backend:OpenAI:Model", "qwen-test"),
            ("Agents:Backend:OpenAI:ApiKeyEnvironmentVariable", "MY_KEY")), name => name == "MY_KEY" ? "sk-123" : null);

        var answer = await chat!.GetResponseAsync("hi");

        Assert.Equal("hello", answer.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer sk-123", request.Authorization);
        Assert.Equal("qwen-test", request.Body["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Openai_without_a_key_variable_works_for_local_servers()
    {
        using var server = new ScriptedChatServer(_ => ScriptedReply.Say("ok"));
        var chat = ChatBackendFactory.Create(new ChatBackendOptions { Kind = "openai", OpenAI = { Endpoint = server.Endpoint, Model = "llama" } }, environment: NoEnvironment);
        Assert.Equal("ok", (await chat!.GetResponseAsync("hi")).Text);
    }

    [Fact]
    public void A_missing_key_variable_is_named()
    {
        var e = Assert.Throws<ChatBackendException>(() => ChatBackendFactory.Create(Config(
            ("Agents:Backend:Kind", "openai"),
            ("Agents:Backend:OpenAI:Endpoint", "https://api.openai.com/v1"),
            ("Agents:Backend:OpenAI:Model", "gpt-4o-mini"),
            ("Agents:Backend:OpenAI:ApiKeyEnvironmentVariable", "OPENAI_API_KEY")), NoEnvironment));
        Assert.Contains("OPENAI_API_KEY", e.Message);
        Assert.Contains("not set", e.Message);
    }

    [Theory]
    [InlineData(null, "gpt", "Agents:Backend:OpenAI:Endpoint is not set")]
    [InlineData("localhost:8000", "gpt", "is not an http(s) URL")]
    [InlineData("http://localhost:8000/v1", null, "Agents:Backend:OpenAI:Model is not set")]
    public void Incomplete_openai_settings_name_the_setting(string? endpoint, string? model, string expected)
    {
        var e = Assert.Throws<ChatBackendException>(() =>
            ChatBackendFactory.Create(new ChatBackendOptions { Kind = "openai", OpenAI = { Endpoint = endpoint, Model = model } }, environment: NoEnvironment));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Local_without_the_runtime_says_who_registers_it()
    {
        ChatBackendFactory.Unregister("local"); // as in a host that never registered the runtime
        var e = Assert.Throws<ChatBackendException>(() => ChatBackendFactory.Create(Config(("Agents:Backend:Kind", "local"))));
        Assert.Contains("local runtime", e.Message);
        Assert.Contains("ChatBackendFactory.Register(\"local\"", e.Message);
    }

    [Fact]
    public void A_registered_kind_is_built_by_its_builder_with_the_options_and_configuration()
    {
        const string kind = "test-registered-kind";
        var config = Config(("Agents:Backend:Kind", kind), ("Runtime:Device", "cpu"));
        IConfiguration? seen = null;
        using var fake = new ScriptedChatServer(_ => ScriptedReply.Say("x"));
        var built = ChatBackendFactory.Create(new ChatBackendOptions { Kind = "openai", OpenAI = { Endpoint = fake.Endpoint, Model = "m" } }, environment: NoEnvironment)!;
        ChatBackendFactory.Register(kind, (o, c) => { seen = c; return built; });
        try
        {
            Assert.Same(built, ChatBackendFactory.Create(config));
            Assert.Equal("cpu", seen!["Runtime:Device"]);
        }
        finally
        {
            ChatBackendFactory.Unregister(kind);
        }
        Assert.Throws<ChatBackendException>(() => ChatBackendFactory.Create(config));
    }

    [Fact]
    public void An_unknown_kind_is_refused_with_the_known_ones()
    {
        var e = Assert.Throws<ChatBackendException>(() => ChatBackendFactory.Create(Config(("Agents:Backend:Kind", "gemini"))));
        Assert.Contains("'gemini'", e.Message);
        Assert.Contains("openai", e.Message);
    }

    private static string FindRepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Agents.sln"))) return d.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChatBackendRegistryCollection
{
    public const string Name = "chat backend registry";
}
