using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sieve.Agents.PatentFinder;
using Sieve.Agents.Reports;
using Sieve.Markush.Matching;

namespace Sieve.Agents.Sessions;

/// <summary>One chat session: handles a line of input at a time. Slash commands attach patents and molecules,
/// produce the deterministic report and show the history; other text goes to the <see cref="IChatAgent"/>.
/// <para>The user's line is stored before any work starts and the reply after it ends (an attachment or a result
/// in the same transaction as its reply), so a process that dies mid-turn leaves the question without an answer —
/// <see cref="InterruptedTurn"/> says so when the session is resumed — and nothing stored before is lost.</para></summary>
public sealed class ChatSession
{
    public const string Help = """
        /attach PATH|SMILES  attach a patent package folder (claims.txt, formulas/), a molecule file
                             (molfile, SDF or one SMILES line) or a SMILES
        /report [md,html,json]  write the infringement report of the latest attached molecule against the
                             latest attached patent (deterministic PatentFinder) and store its verdict
        /status              this session: id, chat backend, attachments, reports produced
        /history             every message of this session
        /help                this list
        /quit                leave (the session is kept; resume it with --session ID)
        anything else        a question for the chat model
        """;

    private readonly SessionStore _store;
    private readonly IChatAgent _agent;
    private readonly string _reportsRoot;
    private readonly string _baseDirectory;
    private readonly TimeProvider? _clock;

    /// <param name="store">Where the session lives.</param>
    /// <param name="sessionId">An existing session of <paramref name="store"/>.</param>
    /// <param name="agent">Answers free-text questions.</param>
    /// <param name="reportsRoot">Reports go to <c>&lt;reportsRoot&gt;/&lt;session id&gt;/&lt;n&gt;-&lt;patent&gt;-&lt;molecule hash&gt;/</c>.</param>
    /// <param name="baseDirectory">Relative attachment paths are resolved against it (default: the current folder).</param>
    /// <param name="clock">The reports' clock (tests fix it).</param>
    public ChatSession(SessionStore store, string sessionId, IChatAgent agent, string reportsRoot, string? baseDirectory = null, TimeProvider? clock = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _agent = agent ?? throw new ArgumentNullException(nameof(agent));
        ArgumentException.ThrowIfNullOrWhiteSpace(reportsRoot);
        if (store.GetSession(sessionId) is null) throw new SessionStoreException($"no session '{sessionId}' in {store.Path}");
        Id = sessionId;
        _reportsRoot = Path.GetFullPath(reportsRoot);
        _baseDirectory = baseDirectory ?? Directory.GetCurrentDirectory();
        _clock = clock;
    }

    public string Id { get; }

    public IChatAgent Agent => _agent;

    /// <summary>The user's last message when no reply followed it: the process stopped in the middle of that turn.</summary>
    public StoredMessage? InterruptedTurn() =>
        _store.Messages(Id) is { Count: > 0 } all && all[^1].Role == MessageRole.User ? all[^1] : null;

    /// <summary>Handles one line; null for a blank line. Never throws for bad input: the reply says what is wrong.</summary>
    public async Task<ChatReply?> HandleAsync(string line, CancellationToken cancel = default)
    {
        var text = line?.Trim() ?? "";
        if (text.Length == 0) return null;
        if (!text.StartsWith('/')) return await AskAsync(text, cancel).ConfigureAwait(false);
        var space = text.IndexOfAny([' ', '\t']);
        var name = (space < 0 ? text : text[..space]).ToLowerInvariant();
        var argument = space < 0 ? "" : text[(space + 1)..].Trim();
        switch (name)
        {
            // Read-only commands are answered from the store and not stored themselves.
            case "/help": return new ChatReply(Help, ReplyStatus.Info);
            case "/history": return new ChatReply(History(), ReplyStatus.Info);
            case "/status": return new ChatReply(Status(), ReplyStatus.Info);
            case "/quit" or "/exit": return new ChatReply($"session {Id} kept; resume with --session {Id}", ReplyStatus.Info, Quit: true);
            case "/attach":
                _store.AppendMessage(Id, MessageRole.User, MessageKind.Command, text);
                return Attach(argument);
            case "/report":
                _store.AppendMessage(Id, MessageRole.User, MessageKind.Command, text);
                return await ReportAsync(argument, cancel).ConfigureAwait(false);
            default:
                return new ChatReply($"unknown command {name}; /help lists the commands", ReplyStatus.Error);
        }
    }

    private ChatReply Attach(string argument)
    {
        ResolvedAttachment resolved;
        try
        {
            resolved = AttachmentResolver.Resolve(argument, _baseDirectory);
        }
        catch (AttachmentException e)
        {
            return Fail($"cannot attach: {e.Message}");
        }
        var reply = $"attached {resolved.Description}";
        _store.AddAttachment(Id, resolved.Kind, resolved.Input, resolved.Value, resolved.Description, reply);
        return new ChatReply(reply, ReplyStatus.Info);
    }

    private async Task<ChatReply> ReportAsync(string argument, CancellationToken cancel)
    {
        ReportFormats formats;
        try
        {
            formats = ReportWriter.ParseFormats(argument.Length > 0 ? argument : "md,html,json");
        }
        catch (ArgumentException e)
        {
            return Fail($"/report: {e.Message}");
        }
        var attachments = _store.Attachments(Id);
        var patent = attachments.LastOrDefault(a => a.Kind == AttachmentKind.Patent);
        var molecule = attachments.LastOrDefault(a => a.Kind == AttachmentKind.Molecule);
        if (patent is null || molecule is null)
        {
            var missing = (patent, molecule) switch
            {
                (null, null) => "a patent package and a molecule",
                (null, _) => "a patent package",
                _ => "a molecule",
            };
            return Fail($"/report needs {missing}: /attach a patent package folder and a molecule (SMILES or file) first");
        }

        string folder;
        MoleculeSource source;
        try
        {
            folder = AttachmentResolver.PatentFolder(patent);
            source = AttachmentResolver.ReadMolecule(molecule);
        }
        catch (AttachmentException e)
        {
            return Fail($"/report: {e.Message}");
        }

        InfringementReport report;
        IReadOnlyList<string> files;
        var directory = ReportDirectory(folder, source);
        try
        {
            (report, files) = await Task.Run(() =>
            {
                var r = new PatentFinderPipeline(_clock).Run(folder, source);
                return (r, ReportWriter.Write(r, directory, formats));
            }, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return Fail($"/report: {e.Message}");
        }

        var verdict = report.Verdict.ToText();
        var reply = new StringBuilder()
            .AppendLine(report.Summary)
            .AppendLine($"verdict: {verdict}")
            .AppendLine($"report: {directory}")
            .AppendJoin('\n', files.Select(f => $"  {Path.GetFileName(f)}"))
            .ToString();
        var result = _store.AddResult(Id, new NewResult(folder, molecule.Input, report.Molecule.CanonicalSmiles, verdict,
            report.Summary, directory, files), reply);
        return new ChatReply(reply, ReplyStatus.Info, result);
    }

    /// <summary>A fresh folder per report (numbered in the session), so an earlier result's files stay as stored.</summary>
    private string ReportDirectory(string patentFolder, MoleculeSource source)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source.Structure)))[..8];
        var n = _store.Results(Id).Count + 1;
        var patent = Path.GetFileName(Path.TrimEndingDirectorySeparator(patentFolder));
        return Path.Combine(_reportsRoot, Id, $"{n}-{patent}-{hash}");
    }

    private async Task<ChatReply> AskAsync(string question, CancellationToken cancel)
    {
        var kind = _agent.UsesModel ? MessageKind.Chat : MessageKind.NoModel;
        var history = _store.Messages(Id);
        _store.AppendMessage(Id, MessageRole.User, kind, question);
        var turn = new ChatTurn(Id, question, history, _store.Attachments(Id), _store.Results(Id));
        string answer;
        try
        {
            answer = await _agent.AnswerAsync(turn, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A model that cannot be reached or answers badly is the user's to fix (endpoint, key): say what happened.
            return Fail($"the chat model could not answer: {e.Message}");
        }
        _store.AppendMessage(Id, MessageRole.Assistant, kind, answer);
        return new ChatReply(answer, _agent.UsesModel ? ReplyStatus.Answer : ReplyStatus.Info);
    }

    /// <summary>Stores the error as the turn's reply (the history shows what happened) and returns it.</summary>
    private ChatReply Fail(string message)
    {
        _store.AppendMessage(Id, MessageRole.Assistant, MessageKind.Error, message);
        return new ChatReply(message, ReplyStatus.Error);
    }

    private string History()
    {
        var messages = _store.Messages(Id);
        if (messages.Count == 0) return "no messages yet";
        var b = new StringBuilder();
        foreach (var m in messages)
        {
            var who = m.Role == MessageRole.User ? "you" : "sieve";
            b.AppendLine($"[{m.At:yyyy-MM-dd HH:mm:ss}] {who}: {m.Content}");
        }
        if (InterruptedTurn() is not null) b.AppendLine("(the last turn was interrupted before a reply)");
        return b.ToString().TrimEnd();
    }

    private string Status()
    {
        var b = new StringBuilder();
        b.AppendLine($"session {Id} in {_store.Path}");
        b.AppendLine($"chat: {_agent.Description}");
        var attachments = _store.Attachments(Id);
        var patent = attachments.LastOrDefault(a => a.Kind == AttachmentKind.Patent);
        var molecule = attachments.LastOrDefault(a => a.Kind == AttachmentKind.Molecule);
        b.AppendLine(attachments.Count == 0 ? "attachments: none" : "attachments (* = used by /report):");
        foreach (var a in attachments)
            b.AppendLine($"  {(a == patent || a == molecule ? "*" : " ")} {a.Description}");
        var results = _store.Results(Id);
        b.AppendLine(results.Count == 0 ? "reports: none" : "reports:");
        foreach (var r in results) b.AppendLine($"  {r.Verdict}: {r.CanonicalSmiles} against {Path.GetFileName(r.Patent)} — {r.Directory}");
        return b.ToString().TrimEnd();
    }
}
