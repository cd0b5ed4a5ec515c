using System.Text.Json;
using Sieve.Runtime.Models;
using Sieve.Runtime.Tests.Loading;
using Sieve.Runtime.Tests.Models;
using Sieve.Runtime.Tests.Tokenization;
using Sieve.Runtime.Tokenization;
using static TorchSharp.torch;

namespace Sieve.Runtime.Tests.Serving;

/// <summary>
/// A complete tiny LLaVA folder a chat client can load: the tiny checkpoint sized to the tiny tokenizer (vocabulary
/// 408, &lt;image&gt; = 400) plus the tokenizer's files. <see cref="WriteScripted"/> makes a model that answers a
/// chat prompt with a fixed token sequence, to drive tool calls through the real model path.
/// </summary>
internal static class TinyChatFolder
{
    public const int VocabSize = 408;

    /// <summary>The random model, except that it never picks a byte-fallback piece (ids 3–258): a random model
    /// otherwise favours them, and its answers decode to U+FFFD rather than text the tests can compare and cut.</summary>
    public static void Write(ScratchFolder dir)
    {
        TinyTokenizer.WriteFolder(dir);
        TinyCheckpoint.Write(dir.Path, vocabSize: VocabSize, imageToken: TinyTokenizer.ImageId, maxPositions: 4096, edit: model =>
        {
            using var noGrad = no_grad();
            var head = model.named_parameters().Single(p => p.name == "language_model.lm_head.weight").parameter;
            head.narrow(0, 3, 256).fill_(0);   // logit 0, below the best of the other ~150 random logits
        });
    }

    /// <summary>
    /// Adds <paramref name="tokens"/> (ids 402 on) as added tokens and writes a model that, after a prompt ending in
    /// <c>ASSISTANT:</c>, greedily emits exactly those tokens and then EOS. The model is a bigram machine: attention
    /// and MLP outputs are zeroed, so the last layer's state is the current token's embedding, and <c>lm_head</c>
    /// maps each scripted token's (normalised) embedding to the next one.
    /// </summary>
    public static void WriteScripted(ScratchFolder dir, IReadOnlyList<string> tokens)
    {
        TinyTokenizer.WriteFolder(dir);
        var added = new Dictionary<string, int> { ["<image>"] = TinyTokenizer.ImageId, ["<pad>"] = TinyTokenizer.PadId };
        for (int i = 0; i < tokens.Count; i++)
            added[tokens[i]] = 402 + i;
        File.WriteAllText(dir.File("added_tokens.json"), JsonSerializer.Serialize(added));
        var tokenizer = LlavaTokenizer.Load(dir.Path);
        long trigger = tokenizer.Encode("USER: hi ASSISTANT:")[^1];
        var chain = new List<long> { trigger };
        chain.AddRange(Enumerable.Range(402, tokens.Count).Select(i => (long)i));
        chain.Add(tokenizer.EosId);
        TinyCheckpoint.Write(dir.Path, vocabSize: VocabSize, imageToken: TinyTokenizer.ImageId, maxPositions: 4096,
            edit: model => Script(model, chain));
    }

    private static void Script(LlavaModel model, IReadOnlyList<long> chain)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var p = model.named_parameters().ToDictionary(x => x.name, x => x.parameter);
        foreach (var (name, weight) in p)
            if (name.EndsWith("self_attn.o_proj.weight", StringComparison.Ordinal) || name.EndsWith("mlp.down_proj.weight", StringComparison.Ordinal))
                weight.zero_();
        p["language_model.model.norm.weight"].fill_(1);
        var head = p["language_model.lm_head.weight"];
        head.zero_();
        var embed = p["language_model.model.embed_tokens.weight"];
        for (int i = 0; i + 1 < chain.Count; i++)
        {
            var e = embed[chain[i]];
            head[chain[i + 1]].add_(e / e.norm() * 10);
        }
    }
}
