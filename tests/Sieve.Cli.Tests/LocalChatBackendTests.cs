using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Sieve.Agents.Models;
using Sieve.Cli.Commands;
using Sieve.Cli.Io;
using Sieve.Runtime.Serving;
using Sieve.Runtime.Tests.Loading;
using Sieve.Runtime.Tests.Serving;

namespace Sieve.Cli.Tests;

/// <summary>Agents:Backend Kind "local": the runtime registered by the CLI as the agents' chat backend.</summary>
public sealed class LocalChatBackendTests
{
    static LocalChatBackendTests() => SieveCommandLine.Build(() => throw new InvalidOperationException("not run"));

    private static IConfiguration Config(params (string Key, string? Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    private static IConfiguration Local(string? path, string device = "cpu") =>
        Config(("Agents:Backend:Kind", "local"), ("Agents:Backend:Local:ModelPath", path), ("Runtime:Device", device), ("Runtime:DType", "float32"));

    [Fact]
    public async Task The_local_kind_builds_a_chat_client_over_the_folder_shared_by_chat_and_report()
    {
        using var dir = new ScratchFolder();
        TinyChatFolder.Write(dir);

        var chat = Assert.IsType<LocalChatClient>(ChatBackendFactory.Create(Local(dir.Path)));
        var report = Assert.IsType<LocalChatClient>(ReportCommand.ModelFrom(Local(dir.Path + "/")));
        Assert.Same(chat.Model, report.Model);   // one load serves both

        var answer = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Hello")], new ChatOptions { Temperature = 0, MaxOutputTokens = 4 });
        Assert.Equal(4, answer.Usage!.OutputTokenCount);
        Assert.False(string.IsNullOrEmpty(answer.Text));
    }

    [Fact]
    public async Task Sieve_chat_answers_free_text_with_the_local_model()
    {
        using var dir = new ScratchFolder();
        TinyChatFolder.Write(dir);
        // The folder's generation defaults apply where the agent sets none: a short answer.
        File.WriteAllText(dir.File("generation_config.json"), """{"max_new_tokens": 6, "eos_token_id": 2}""");
        var output = new StringWriter { NewLine = "\n" };
        var terminal = new Terminal(new StringReader("What is shown?\n/quit\n"), output, new StringWriter(), ShowProgress: false);

        var code = await ChatJobs.RunAsync(new ChatJobs.Options(null, Path.Combine(dir.Path, "sessions.db"), false), terminal,
            () => ChatBackendFactory.Create(Local(dir.Path)));

        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n');
        Assert.Equal($"chat: model {Path.GetFileName(dir.Path)} via sieve-local", lines[1]);
        Assert.False(string.IsNullOrWhiteSpace(lines[2]), output.ToString());   // the model's answer
        Assert.StartsWith("session ", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void The_prefix_cache_budget_comes_from_the_runtime_section()
    {
        using var dir = new ScratchFolder();
        TinyChatFolder.Write(dir);
        var settings = Config(("Agents:Backend:Kind", "local"), ("Agents:Backend:Local:ModelPath", dir.Path),
            ("Runtime:PrefixCache:MaxBytes", "12345"));
        var client = Assert.IsType<LocalChatClient>(ChatBackendFactory.Create(settings));
        Assert.Equal(12345, client.Model.PrefixCache.MaxBytes);

        var negative = Config(("Agents:Backend:Kind", "local"), ("Agents:Backend:Local:ModelPath", dir.Path),
            ("Runtime:PrefixCache:MaxBytes", "-5"));
        Assert.Contains("Runtime:PrefixCache:MaxBytes is -5", Assert.Throws<ChatBackendException>(() => ChatBackendFactory.Create(negative)).Message);
    }

    [Fact]
    public void Settings_that_cannot_give_a_model_are_named()
    {
        using var dir = new ScratchFolder();
        Assert.Contains("Agents:Backend:Local:ModelPath is not set", Assert.Throws<ChatBackendException>(() => ChatBackendFactory.Create(Local(null))).Message);
        var missing = Assert.Throws<ChatBackendException>(() => ChatBackendFactory.Create(Local(dir.File("nowhere")))).Message;
        Assert.Contains($"Agents:Backend:Local:ModelPath '{dir.File("nowhere")}' is not a folder", missing);
        var empty = Assert.Throws<ChatBackendException>(() => ChatBackendFactory.Create(Local(dir.Path))).Message;
        Assert.Contains("Agents:Backend:Local:ModelPath", empty);
        Assert.Contains("config.json", empty);
        Assert.Contains("Runtime:Device is 'tpu'", Assert.Throws<ChatBackendException>(() => ChatBackendFactory.Create(Local(dir.Path, "tpu"))).Message);
        // sieve report turns it into one error line for the user.
        Assert.Contains("model backend: Agents:Backend:Local:ModelPath", Assert.Throws<CliInputException>(() => ReportCommand.ModelFrom(Local(null))).Message);
    }
}
