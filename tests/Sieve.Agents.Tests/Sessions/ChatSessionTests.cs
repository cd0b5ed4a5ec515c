using Sieve.Agents.Sessions;

namespace Sieve.Agents.Tests.Sessions;

public sealed class ChatSessionTests : ScratchFolder
{
    private ChatSession Open(SessionStore store, IChatAgent? agent = null, string? id = null) =>
        new(store, id ?? store.CreateSession().Id, agent ?? new NoModelChatAgent(), Path.Combine(Dir, "reports"), Samples.Root,
            new FixedClock(Samples.When));

    [Fact]
    public async Task Report_on_the_attached_sample_stores_a_covered_result_and_writes_the_files()
    {
        using var store = SessionStore.Open(StorePath);
        var chat = Open(store);
        Assert.Equal(ReplyStatus.Info, (await chat.HandleAsync("/attach coxib-diarylpyrazole"))!.Status);
        Assert.Equal(ReplyStatus.Info, (await chat.HandleAsync($"/attach {Samples.Celecoxib}"))!.Status);
        var reply = await chat.HandleAsync("/report");

        Assert.NotNull(reply?.Result);
        Assert.Contains("verdict: covered", reply.Text);
        var stored = Assert.Single(store.Results(chat.Id));
        Assert.Equal("covered", stored.Verdict);
        Assert.Equal(Samples.Patent("coxib-diarylpyrazole"), stored.Patent);
        Assert.Equal(Samples.Celecoxib, stored.Molecule);
        Assert.StartsWith(Path.Combine(Dir, "reports", chat.Id), stored.Directory, StringComparison.Ordinal);
        Assert.Equal(["report.md", "report.html", "report.json"], stored.Files.Select(Path.GetFileName));
        Assert.All(stored.Files, f => Assert.True(File.Exists(f), f));
        // The stored report is the one `sieve report` writes for the same pair.
        var json = Reports.JsonReportRenderer.Parse(File.ReadAllText(stored.Files[2]));
        Assert.Equal(Samples.Report("coxib-diarylpyrazole", Samples.Celecoxib).Summary, json.Summary);
    }

    [Fact]
    public async Task Report_on_a_package_whose_formula_is_only_drawn_reads_the_drawing()
    {
        using var store = SessionStore.Open(StorePath);
        var chat = Open(store);
        var attached = await chat.HandleAsync("/attach benzodiazepinone-drawn");
        Assert.Contains("1 formula(s), 1 read from drawings", attached!.Text, StringComparison.Ordinal);
        await chat.HandleAsync("/attach CN1C(=O)CN=C(c2ccccc2)c2cc(Cl)ccc21");
        var reply = await chat.HandleAsync("/report json");

        Assert.Contains("verdict: covered", reply!.Text);
        var json = Reports.JsonReportRenderer.Parse(File.ReadAllText(Assert.Single(Assert.Single(store.Results(chat.Id)).Files)));
        Assert.Equal("formulas/I.png", Assert.Single(json.FormulaImages).File);
    }

    [Fact]
    public async Task Report_uses_the_latest_molecule_and_keeps_each_result_apart()
    {
        using var store = SessionStore.Open(StorePath);
        var chat = Open(store);
        await chat.HandleAsync("/attach coxib-diarylpyrazole");
        await chat.HandleAsync($"/attach {Samples.Celecoxib}");
        await chat.HandleAsync("/report json");
        await chat.HandleAsync("/attach CCCCCc1cc(-c2ccc(C)cc2)n(-c2ccc(S(N)(=O)=O)cc2)n1");
        await chat.HandleAsync("/report json");

        var results = store.Results(chat.Id);
        Assert.Equal(["covered", "not covered"], results.Select(r => r.Verdict));
        Assert.NotEqual(results[0].Directory, results[1].Directory);
        Assert.Equal(["report.json"], results[1].Files.Select(Path.GetFileName));
        Assert.True(File.Exists(results[0].Files[0]));
    }

    [Theory]
    [InlineData(new string[0], "a patent package and a molecule")]
    [InlineData(new[] { "/attach coxib-diarylpyrazole" }, "needs a molecule")]
    [InlineData(new[] { "/attach CCO" }, "needs a patent package")]
    public async Task Report_without_both_attachments_says_what_is_missing_and_stores_no_result(string[] before, string expected)
    {
        using var store = SessionStore.Open(StorePath);
        var chat = Open(store);
        foreach (var line in before) await chat.HandleAsync(line);
        var reply = await chat.HandleAsync("/report");
        Assert.Equal(ReplyStatus.Error, reply!.Status);
        Assert.Contains(expected, reply.Text);
        Assert.Empty(store.Results(chat.Id));
        Assert.Equal(MessageKind.Error, store.Messages(chat.Id)[^1].Kind);
    }

    [Fact]
    public async Task A_bad_attachment_is_an_error_reply_and_leaves_the_earlier_ones()
    {
        using var store = SessionStore.Open(StorePath);
        var chat = Open(store);
        await chat.HandleAsync("/attach coxib-diarylpyrazole");
        var reply = await chat.HandleAsync("/attach C1CC");
        Assert.Equal(ReplyStatus.Error, reply!.Status);
        Assert.StartsWith("cannot attach: C1CC: ", reply.Text, StringComparison.Ordinal);
        Assert.Single(store.Attachments(chat.Id));
    }

    [Fact]
    public async Task Without_a_model_a_question_gets_how_to_configure_one_and_the_report_offer()
    {
        using var store = SessionStore.Open(StorePath);
        var chat = Open(store);
        var reply = await chat.HandleAsync("does celecoxib infringe?");
        Assert.Contains("No chat model is configured", reply!.Text);
        Assert.Contains("\"Agents\"", reply.Text);
        Assert.Contains("\"Backend\"", reply.Text);
        Assert.Contains("ApiKeyEnvironmentVariable", reply.Text);
        Assert.Contains("/report", reply.Text);
        // Stored, but never replayed to a model configured later.
        Assert.All(store.Messages(chat.Id), m => Assert.Equal(MessageKind.NoModel, m.Kind));
    }

    [Fact]
    public async Task A_model_gets_the_attachments_results_and_earlier_chat_and_its_answer_is_stored()
    {
        using var store = SessionStore.Open(StorePath);
        var client = new ScriptedChatClient("Claim 1 covers it.", "R2 is methyl.");
        var chat = Open(store, new ChatClientAgent(client, "scripted"));
        await chat.HandleAsync("/attach coxib-diarylpyrazole");
        await chat.HandleAsync($"/attach {Samples.Celecoxib}");
        await chat.HandleAsync("/report md");
        Assert.Equal("Claim 1 covers it.", (await chat.HandleAsync("which claim covers it?"))!.Text);
        Assert.Equal("R2 is methyl.", (await chat.HandleAsync("and R2?"))!.Text);

        var second = client.Requests[1];
        var system = second[0].Text;
        Assert.Contains("SAMPLE-COX-001", system);
        Assert.Contains("C17H14F3N3O2S", system);
        Assert.Contains(": covered.", system);
        // Earlier chat is replayed; the /attach and /report lines are not.
        Assert.Equal(["which claim covers it?", "Claim 1 covers it.", "and R2?"], second.Skip(1).Select(m => m.Text));
        Assert.Equal(3 * 2 + 2 * 2, store.Messages(chat.Id).Count);
    }

    [Fact]
    public async Task A_model_can_call_the_markush_tools_on_the_attached_patent()
    {
        using var store = SessionStore.Open(StorePath);
        var client = new ToolCallingChatClient("coxib-diarylpyrazole", Samples.Celecoxib);
        var chat = Open(store, new ChatClientAgent(client, "scripted"));
        await chat.HandleAsync("/attach coxib-diarylpyrazole");
        var reply = await chat.HandleAsync("is celecoxib covered?");

        Assert.Equal(ReplyStatus.Answer, reply!.Status);
        Assert.StartsWith("tool said: ", reply.Text, StringComparison.Ordinal);
        Assert.Contains("\"verdict\":\"covered\"", reply.Text.Replace(" ", ""));
        Assert.Contains("SAMPLE-COX-001", reply.Text);
        Assert.Contains("Tools name this patent by the path 'coxib-diarylpyrazole'", client.Requests[0][0].Text);
        Assert.Equal(2, client.Requests.Count);
    }

    [Fact]
    public async Task A_model_that_fails_becomes_an_error_reply_naming_the_cause()
    {
        using var store = SessionStore.Open(StorePath);
        var chat = Open(store, new ChatClientAgent(new ScriptedChatClient(), "scripted"));
        var reply = await chat.HandleAsync("hello?");
        Assert.Equal(ReplyStatus.Error, reply!.Status);
        Assert.Equal("the chat model could not answer: the script has no more answers", reply.Text);
    }

    [Fact]
    public async Task After_the_process_dies_mid_turn_a_second_store_has_everything_and_the_resumed_session_says_so()
    {
        var first = SessionStore.Open(StorePath);
        var agent = new HangingAgent();
        var chat = Open(first, agent);
        await chat.HandleAsync("/attach coxib-diarylpyrazole");
        await chat.HandleAsync($"/attach {Samples.Celecoxib}");
        await chat.HandleAsync("/report json");
        using var cancel = new CancellationTokenSource();
        var inFlight = chat.HandleAsync("why is it covered?", cancel.Token);
        await agent.Started.Task;

        // The first store is never closed: a new one over the same file is what a restarted process sees.
        using (var second = SessionStore.Open(StorePath))
        {
            var resumed = Open(second, new NoModelChatAgent(), chat.Id);
            Assert.Equal("why is it covered?", resumed.InterruptedTurn()?.Content);
            Assert.Equal(2, second.Attachments(chat.Id).Count);
            Assert.Equal("covered", Assert.Single(second.Results(chat.Id)).Verdict);
            Assert.Contains("(the last turn was interrupted before a reply)", (await resumed.HandleAsync("/history"))!.Text);
            await resumed.HandleAsync("/attach CCO");
            Assert.Null(resumed.InterruptedTurn());
        }
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => inFlight);
        first.Dispose();
    }

    [Fact]
    public async Task Read_only_commands_are_answered_but_not_stored()
    {
        using var store = SessionStore.Open(StorePath);
        var chat = Open(store);
        Assert.Contains("/attach PATH|SMILES", (await chat.HandleAsync("/help"))!.Text);
        Assert.Equal("no messages yet", (await chat.HandleAsync("/history"))!.Text);
        Assert.Contains($"session {chat.Id}", (await chat.HandleAsync("/status"))!.Text);
        Assert.True((await chat.HandleAsync("/quit"))!.Quit);
        Assert.Null(await chat.HandleAsync("   "));
        Assert.Equal(ReplyStatus.Error, (await chat.HandleAsync("/frobnicate"))!.Status);
        Assert.Empty(store.Messages(chat.Id));
    }

    [Fact]
    public void A_session_that_is_not_in_the_store_is_refused()
    {
        using var store = SessionStore.Open(StorePath);
        var e = Assert.Throws<SessionStoreException>(() => Open(store, id: "missing"));
        Assert.Contains("no session 'missing'", e.Message);
    }
}
