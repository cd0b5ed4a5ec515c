using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Sieve.Bench;
using Sieve.Runtime;
using Sieve.Runtime.Caching;
using Sieve.Runtime.Loading;
using Sieve.Runtime.Models;
using Sieve.Runtime.Serving;
using Sieve.Runtime.Tokenization;
using static TorchSharp.torch;

// Time to first token per turn of a 5-turn tool-heavy session, with and without KV prefix reuse, driven through
// LocalChatClient (the IChatClient agents use): turn 1 sends a system prompt, an image and a question; each later
// turn sends the whole conversation again with the previous answer, a tool result (100–300 tokens of JSON) and a
// short user message. Each turn runs on a model whose prefix cache is off (recompute) and then on one whose cache
// holds the session (reuse), on the same weights and the same messages, so the two columns are measured side by side.
// The model is LLaVA-1.5's shape scaled to this CPU (as bench/runtime.sh); the tokenizer is the runtime tests' tiny
// SentencePiece model (its <image> is id 400), and lm_head rows outside its pieces are zero so answers are text.
// Usage: bench/prefix.sh [--sessions 1] [--answer-tokens 16] [--threads N]

int sessions = BenchOptions.Int(args, "--sessions", 1), answerTokens = BenchOptions.Int(args, "--answer-tokens", 16), threads = BenchOptions.Int(args, "--threads", 0);
TorchRuntime.EnsureLoadable();
if (threads > 0) set_num_threads(threads);
const int ImageTokenId = 400;
var config = ScaledLlava.Config(ImageTokenId);
var data = Path.Combine(AppContext.BaseDirectory, "Data");
LlavaTokenizer tokenizer;
using (var sp = File.OpenRead(Path.Combine(data, "tiny-llama.model")))
    tokenizer = LlavaTokenizer.Create(sp, new TokenizerFiles
    {
        AddedTokens = [new AddedToken("<image>", ImageTokenId, Special: true), new AddedToken("<pad>", 401, Special: true)],
        BosToken = "<s>", EosToken = "</s>", UnkToken = "<unk>", PadToken = "<pad>",
    });
var llava = new LlavaModel(config, ScalarType.Float32, CPU);
SyntheticLlavaCheckpoint.Fill(llava);
SilenceUnwritableIds(llava, tokenizer.SentencePieceVocabSize);
const string Name = "llava-1.5-scaled";
var recompute = new LocalChatModel(llava, tokenizer, Name, prefixCache: new PrefixCacheOptions { MaxBytes = 0 });
var png = File.ReadAllBytes(Path.Combine(data, "preprocess-input.png"));

Console.WriteLine($"model: {ScaledLlava.Describe(config)}, F32; torch threads {get_num_threads()}; " +
    $"{sessions} session(s), best per turn; answers {answerTokens} tokens, greedy");
var options = new ChatOptions { Temperature = 0, MaxOutputTokens = answerTokens };
await Turn(recompute, [new ChatMessage(ChatRole.User, "Hello")], options);   // warm-up

int[] ToolResultTokens = [0, 0, 140, 280, 180, 240];   // by turn: each later turn's tool result
var best = new Dictionary<(int Turn, bool Reuse), TurnResult>();
for (int s = 0; s < sessions; s++)
{
    var reuse = new LocalChatModel(llava, tokenizer, Name, prefixCache: new PrefixCacheOptions());
    var messages = new List<ChatMessage>
    {
        new(ChatRole.System, SystemPrompt()),
        new(ChatRole.User, [new DataContent(png, "image/png"), new TextContent("Which of the claimed compounds is drawn here? Check the patent's Markush groups first.")]),
    };
    for (int turn = 1; turn <= 5; turn++)
    {
        if (turn > 1)
        {
            messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent($"call_{turn}", ToolResultJson(turn, ToolResultTokens[turn]))]));
            messages.Add(new ChatMessage(ChatRole.User, $"Turn {turn}: does the best match fall under claim {turn}? Answer briefly."));
        }
        var fresh = await Turn(recompute, messages, options);
        var continued = await Turn(reuse, messages, options);
        if (continued.Answer.Text != fresh.Answer.Text)
            Console.WriteLine($"note: turn {turn} answers differ (float rounding between the two paths changed a greedy pick)");
        Keep((turn, false), fresh);
        Keep((turn, true), continued);
        messages.AddRange(fresh.Answer.Messages);
    }
    reuse.PrefixCache.Dispose();   // the model's weights are shared with the other wrapper: disposed at the end
}

Console.WriteLine();
Console.WriteLine($"{"turn",4} {"prompt tok",11} {"reused",7} {"computed",9} {"TTFT recompute ms",18} {"TTFT reuse ms",14} {"reuse/recompute",16}");
for (int turn = 1; turn <= 5; turn++)
{
    var (r, c) = (best[(turn, false)], best[(turn, true)]);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{turn,4} {c.PromptTokens,11} {c.Reused,7} {c.PromptTokens - c.Reused,9} {r.FirstTokenMs,18:F0} {c.FirstTokenMs,14:F0} {c.FirstTokenMs / r.FirstTokenMs,15:P1}"));
}
var ratio = best[(5, true)].FirstTokenMs / best[(5, false)].FirstTokenMs;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"turn-5 TTFT with reuse is {ratio:P1} of recompute (goal ≤ 15%): {(ratio <= 0.15 ? "met" : "NOT met")}"));
llava.Dispose();
return 0;

void Keep((int, bool) key, TurnResult result)
{
    if (!best.TryGetValue(key, out var old) || result.FirstTokenMs < old.FirstTokenMs) best[key] = result;
}

// One request: time from the call to the first streamed text, the prompt's token counts, the whole answer.
static async Task<TurnResult> Turn(LocalChatModel model, List<ChatMessage> messages, ChatOptions options)
{
    var client = new LocalChatClient(model);
    var clock = Stopwatch.StartNew();
    double first = -1;
    var updates = new List<ChatResponseUpdate>();
    await foreach (var update in client.GetStreamingResponseAsync([.. messages], options))
    {
        if (first < 0 && !string.IsNullOrEmpty(update.Text)) first = clock.Elapsed.TotalMilliseconds;
        updates.Add(update);
    }
    var answer = updates.ToChatResponse();
    if (first < 0) first = clock.Elapsed.TotalMilliseconds;
    return new TurnResult(first, answer.Usage?.InputTokenCount ?? 0, answer.Usage?.CachedInputTokenCount ?? 0, answer);
}

static string SystemPrompt() =>
    "You are Sieve's patent analyst. You decide whether a small molecule falls under a patent's claims. Read the drawing, " +
    "call the tools to look up the patent's Markush groups, compare substituents one by one, and cite the claim numbers. " +
    "Answer in short sentences; say what you checked and what is still open.";

// A tool result as an agent's function returns it: JSON with candidate compounds and per-group verdicts, grown item by
// item until it holds about `tokens` tokens.
string ToolResultJson(int turn, int tokens)
{
    var json = new StringBuilder($"{{\"tool\":\"markush.match\",\"turn\":{turn},\"candidates\":[");
    for (int i = 0; tokenizer.Encode(json.ToString(), addSpecialTokens: false).Count < tokens - 4; i++)
        json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
            $"{{\"id\":\"EX-{turn}{i:D2}\",\"group\":\"R{i % 4 + 1}\",\"score\":0.{(turn * 37 + i * 11) % 100:D2},\"ok\":{(i % 3 == 0 ? "true" : "false")}}}");
    return json.Append("]}").ToString();
}

// lm_head rows of ids the tokenizer cannot write (beyond its pieces, and its control and byte-fallback pieces) are
// zero, so greedy answers are text that goes back into the next prompt.
static void SilenceUnwritableIds(LlavaModel model, int pieces)
{
    using var noGrad = no_grad();
    var head = model.named_parameters().Single(p => p.name == "language_model.lm_head.weight").parameter;
    head.narrow(0, 0, 259).zero_();
    head.narrow(0, pieces, head.shape[0] - pieces).zero_();
}

internal sealed record TurnResult(double FirstTokenMs, long PromptTokens, long Reused, ChatResponse Answer);
