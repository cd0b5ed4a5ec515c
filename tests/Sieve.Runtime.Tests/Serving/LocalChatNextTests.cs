using Microsoft.Extensions.AI;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Preprocessing;
using Sieve.Runtime.Serving;
using Sieve.Runtime.Tests.Loading;
using Sieve.Runtime.Tests.Models;
using Sieve.Runtime.Tests.Tokenization;

namespace Sieve.Runtime.Tests.Serving;

/// <summary>The chat client on a tiny LLaVA-NeXT folder: images go through AnyRes tiling with their sizes.</summary>
public sealed class LocalChatNextTests
{
    [Fact]
    public async Task An_image_is_tiled_and_counted_as_its_AnyRes_features()
    {
        using var dir = new ScratchFolder();
        TinyTokenizer.WriteFolder(dir);
        TinyNextCheckpoint.Write(dir.Path, vocabSize: TinyChatFolder.VocabSize, imageToken: TinyTokenizer.ImageId, maxPositions: 4096);
        using var model = LocalChatModel.Load(dir.Path, new RuntimeOptions());
        Assert.NotNull(model.NextImages);
        var client = new LocalChatClient(model);

        var png = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "preprocess-input.png")); // 45 x 30
        var message = new ChatMessage(ChatRole.User, [new DataContent(png, "image/png"), new TextContent("Describe it.")]);
        var response = await client.GetResponseAsync([message], new ChatOptions { Temperature = 0, MaxOutputTokens = 4 });

        var ids = model.Tokenizer.Encode("USER: <image>\nDescribe it. ASSISTANT:").Select(i => (long)i).ToList();
        var (pixels, sizes) = model.NextImages!.PreprocessBatch([ImageDecoding.Decode(png, "png")]);
        using var _ = pixels;
        var (tokens, timings) = Generate.Tokens(model.Model, ids, pixels,
            new SamplingOptions { MaxNewTokens = 4, StopTokenIds = model.StopTokenIds }, sizes);
        Assert.Equal(ids.Count - 1 + model.Model.AnyResLayoutFor((30, 45)).PackedLength, response.Usage!.InputTokenCount);
        Assert.Equal(timings.PrefillTokens, response.Usage.InputTokenCount);
        Assert.Equal(model.Tokenizer.Decode(tokens.Select(t => (int)t)), response.Text);
    }
}
