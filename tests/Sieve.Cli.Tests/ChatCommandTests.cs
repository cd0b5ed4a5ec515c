using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Sieve.Agents.Sessions;
using Sieve.Cli.Commands;
using Sieve.Cli.Io;
using Spectre.Console;

namespace Sieve.Cli.Tests;

/// <summary><c>sieve chat</c> through the real command line, its input scripted on stdin.</summary>
public sealed class ChatCommandTests : IDisposable
{
    private const string Celecoxib = "Cc1ccc(cc1)-c1cc(nn1-c1ccc(cc1)S(N)(=O)=O)C(F)(F)F";
    private static readonly string Patent = Path.Combine(Repository.Root, "samples", "patents", "coxib-diarylpyrazole");
    private readonly string _dir = Directory.CreateTempSubdirectory("sieve-chat-").FullName;

    private string Store => Path.Combine(_dir, "sessions.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string SessionId(CliRunner.Result run) => run.OutLines[0].Split(' ')[1];

    [Fact]
    public void A_scripted_session_reports_covered_and_resumes_by_id_with_its_history()
    {
        var first = CliRunner.Run($"/attach {Patent}\n/attach {Celecoxib}\n/report\n/quit\n", "chat", "--store", Store);
        Assert.True(first.ExitCode == 0, first.Error);
        var id = SessionId(first);
        Assert.StartsWith($"session {id} in {Store} (resume with: sieve chat --session {id})", first.Out, StringComparison.Ordinal);
        Assert.Contains("attached patent SAMPLE-COX-001", first.Out);
        Assert.Contains("verdict: covered", first.Out);
        var reportDir = first.OutLines.Single(l => l.StartsWith("report: ", StringComparison.Ordinal))["report: ".Length..];
        Assert.StartsWith(Path.Combine(_dir, "reports", id), reportDir, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(reportDir, "report.html")));

        var again = CliRunner.Run("/history\n", "chat", "--store", Store, "--session", id);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal($"session {id} resumed (6 message(s)) from {Store}", again.OutLines[0]);
        Assert.Contains($"you: /attach {Patent}", again.Out);
        Assert.Contains($"you: /attach {Celecoxib}", again.Out);
        Assert.Contains("sieve: Covered: claim 1 covers the molecule", again.Out);
        Assert.Contains("verdict: covered", again.Out);
        Assert.EndsWith($"end of input; session {id} is kept (sieve chat --session {id})", again.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_model_a_question_is_answered_with_how_to_configure_one()
    {
        var run = CliRunner.Run("what does claim 3 add?\n", "chat", "--store", Store);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("chat: no chat model configured", run.Out);
        Assert.Contains("No chat model is configured", run.Out);
        Assert.Contains("\"Backend\"", run.Out);
        Assert.Contains("SIEVE_Agents__Backend__Kind=openai", run.Out);
    }

    [Fact]
    public void An_unknown_session_or_a_bad_store_is_one_error_line()
    {
        var missing = CliRunner.Run("", "chat", "--store", Store, "--session", "nope");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal($"error: --session nope: no such session in {Store} (sieve chat --list shows the sessions; leave out --session to start a new one)\n",
            missing.Error);

        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "not a database");
        var bad = CliRunner.Run("", "chat", "--store", Path.Combine(_dir, "notes.txt"));
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith($"error: --store: {Path.Combine(_dir, "notes.txt")}: cannot be used as a session store", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void List_shows_the_sessions_most_recent_first()
    {
        var a = SessionId(CliRunner.Run("/attach CCO\n", "chat", "--store", Store));
        var b = SessionId(CliRunner.Run("", "chat", "--store", Store));
        var list = CliRunner.Run("", "chat", "--store", Store, "--list");
        Assert.Equal(0, list.ExitCode);
        Assert.Equal([b, a], list.OutLines.Select(l => l.Split('\t')[0]));
        Assert.EndsWith("\t2 message(s)", list.OutLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_backend_factory_that_throws_becomes_a_clear_error_not_a_stack_trace()
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var terminal = new Terminal(new StringReader("hello\n"), output, error, ShowProgress: false);
        var root = new RootCommand { ChatCommand.Create(() => terminal, () => throw new InvalidOperationException("environment variable OPENAI_API_KEY is not set")) };
        var code = root.Parse(["chat", "--store", Store]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        Assert.Equal(1, code);
        Assert.Equal("error: the chat model could not be set up: environment variable OPENAI_API_KEY is not set (check the " +
                     "Agents:Backend section of appsettings.json, or set its Kind to none to chat without a model)\n", error.ToString());
    }

    [Fact]
    public void A_configured_backend_answers_questions_and_is_named_in_the_header()
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var terminal = new Terminal(new StringReader("first?\nsecond?\n"), output, error, ShowProgress: false);
        var root = new RootCommand { ChatCommand.Create(() => terminal, () => new CountingChatClient()) };
        var code = root.Parse(["chat", "--store", Store]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        Assert.True(code == 0, error.ToString());
        var lines = output.ToString().Split('\n');
        Assert.Equal("chat: model counter-1 via counting at http://127.0.0.1:9/v1", lines[1]);
        // The second request carries the first question and answer from the store.
        Assert.Equal(["request 1 with 2 message(s)", "request 2 with 4 message(s)"], lines[2..4]);
    }

    [Fact]
    public async Task The_terminal_view_shows_the_verdict_in_the_report_panel()
    {
        var output = new StringWriter { NewLine = "\n" };
        var terminal = new Terminal(new StringReader($"/attach {Patent}\n/attach {Celecoxib}\n/report md\n/bogus\n"), output, TextWriter.Null, ShowProgress: false);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        var code = await ChatJobs.RunAsync(new ChatJobs.Options(null, Store, false), terminal, () => null, view: new SpectreChatView(terminal, console));
        Assert.Equal(0, code);
        var text = output.ToString();
        Assert.Contains("Sieve chat", text);
        Assert.Contains("you> ", text);
        Assert.Contains("report · covered", text);
        Assert.Contains("unknown command /bogus", text);
    }

    [Fact]
    public void The_store_setting_is_taken_from_the_folder_of_appsettings_and_an_absolute_one_as_is()
    {
        var relative = new ConfigurationBuilder().AddInMemoryCollection([new(ChatJobs.StoreSetting, "x/y.db")]).Build();
        Assert.Equal(Path.Combine(Repository.Root, "x", "y.db"), ChatJobs.DefaultStorePath(relative));
        var absolute = new ConfigurationBuilder().AddInMemoryCollection([new(ChatJobs.StoreSetting, Store)]).Build();
        Assert.Equal(Store, ChatJobs.DefaultStorePath(absolute));
        var unset = new ConfigurationBuilder().Build();
        Assert.Equal(Path.Combine(Repository.Root, "out", "sessions", "sessions.db"), ChatJobs.DefaultStorePath(unset));
    }

    [Fact]
    public void A_chat_process_killed_after_its_report_resumes_with_everything_it_had_stored()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Repository.SieveDll, "chat", "--store", Store }) info.ArgumentList.Add(a);
        var lines = new BlockingCollection<string>();
        string id;
        using (var p = Process.Start(info)!)
        {
            p.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Add(e.Data); };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            p.StandardInput.WriteLine($"/attach {Patent}");
            p.StandardInput.WriteLine($"/attach {Celecoxib}");
            p.StandardInput.WriteLine("/report json");
            p.StandardInput.Flush();
            id = NextLine(lines, l => l.StartsWith("session ", StringComparison.Ordinal)).Split(' ')[1];
            NextLine(lines, l => l == "verdict: covered");
            // Stdin stays open: the process is waiting for the next turn when it dies.
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }

        var resumed = CliRunner.Run("/status\n", "chat", "--store", Store, "--session", id);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal($"session {id} resumed (6 message(s)) from {Store}", resumed.OutLines[0]);
        Assert.Contains("  * patent SAMPLE-COX-001", resumed.Out);
        Assert.Contains("  covered: Cc1ccc(-c2cc(C(F)(F)F)nn2-c2ccc(S(N)(=O)=O)cc2)cc1 against coxib-diarylpyrazole", resumed.Out);
    }

    private static string NextLine(BlockingCollection<string> lines, Func<string, bool> wanted)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
            if (lines.TryTake(out var line, TimeSpan.FromSeconds(1)) && wanted(line)) return line;
        throw new TimeoutException("sieve chat did not print the expected line in 90 s");
    }

    /// <summary>A model that says which request it is answering and how many messages it was sent.</summary>
    private sealed class CountingChatClient : IChatClient
    {
        private int _requests;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"request {++_requests} with {messages.Count()} message(s)")));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("counting", new Uri("http://127.0.0.1:9/v1"), "counter-1") : null;

        public void Dispose() { }
    }
}
