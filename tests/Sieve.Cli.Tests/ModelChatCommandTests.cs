using Sieve.Cli.Commands;
using Sieve.Cli.Io;
using Sieve.Runtime;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Models;
using Sieve.Runtime.Preprocessing;
using Sieve.Runtime.Tests.Loading;
using Sieve.Runtime.Tests.Models;
using Sieve.Runtime.Tests.Tokenization;

namespace Sieve.Cli.Tests;

/// <summary><c>sieve model run</c> on a tiny LLaVA folder with the tiny SentencePiece tokenizer (&lt;image&gt; = 400).</summary>
public sealed class ModelChatCommandTests : IDisposable
{
    private readonly ScratchFolder _dir = new();
    private readonly StringWriter _out = new(), _err = new();

    public void Dispose() => _dir.Dispose();

    private static string Image => Path.Combine(AppContext.BaseDirectory, "Data", "preprocess-input.png");

    [Fact]
    public void Run_streams_the_greedy_answer_to_the_templated_prompt_and_prints_timings()
    {
        TinyCheckpoint.Write(_dir.Path, vocabSize: 416, imageToken: TinyTokenizer.ImageId);
        TinyTokenizer.WriteFolder(_dir);
        var terminal = new Terminal(new StringReader(""), _out, _err, ShowProgress: false);

        var code = ModelChatCommand.Run(_dir.Path, [Image], "What is shown?", terminal, maxNewTokens: 6, greedy: true);

        Assert.Equal(0, code);
        // The same turn by hand: template, tokenizer, CLIP preprocessing, greedy generation, decoding.
        using var model = LlavaModel.Load(_dir.Path, new RuntimeOptions());
        var tokenizer = Runtime.Tokenization.LlavaTokenizer.Load(_dir.Path);
        var ids = tokenizer.Encode("USER: <image>\nWhat is shown? ASSISTANT:").Select(i => (long)i).ToArray();
        Assert.Contains((long)TinyTokenizer.ImageId, ids);
        using var pixels = new ClipImageProcessor(model.Folder!.Preprocessor).PreprocessBatch([ImageDecoding.ReadFile(Image)]);
        var tokens = Generate.Tokens(model, ids, pixels, new SamplingOptions
        {
            MaxNewTokens = 6, StopTokenIds = new HashSet<long> { tokenizer.EosId },
        }).Tokens;
        Assert.Equal(tokenizer.Decode(tokens.Select(t => (int)t)) + "\n", _out.ToString().Replace("\r\n", "\n"));
        Assert.Matches(@"vision \d+ ms · prefill \d+ tokens in \d+ ms · decode \d+ tokens at [\d.]+ tok/s · KV cache [\d.]+ MiB", _err.ToString());
    }

    [Fact]
    public void A_prompt_with_more_image_markers_than_images_is_refused()
    {
        TinyCheckpoint.Write(_dir.Path, vocabSize: 416, imageToken: TinyTokenizer.ImageId);
        TinyTokenizer.WriteFolder(_dir);
        var terminal = new Terminal(new StringReader(""), _out, _err, ShowProgress: false);
        var e = Assert.Throws<CliInputException>(() => ModelChatCommand.Run(_dir.Path, [Image], "<image> and <image>?", terminal));
        Assert.Contains("--prompt: the prompt places 2 <image> marker(s) but 1 image(s) were given", e.Message);
    }

    [Fact]
    public void Logits_and_generate_take_an_image_file_as_the_checkpoint_preprocesses_it()
    {
        TinyCheckpoint.Write(_dir.Path, vocabSize: 416, imageToken: TinyTokenizer.ImageId);
        TinyTokenizer.WriteFolder(_dir);
        var terminal = new Terminal(new StringReader(""), _out, _err, ShowProgress: false);
        var ids = $"1,5,{TinyTokenizer.ImageId},7,9";
        // The same image as --pixel-values, preprocessed by hand with the folder's processor.
        var pixelsFile = Path.Combine(_dir.Path, "pixels.npy");
        using (var model = LlavaModel.Load(_dir.Path, new RuntimeOptions()))
        using (var pixels = new ClipImageProcessor(model.Folder!.Preprocessor).PreprocessBatch([ImageDecoding.ReadFile(Image)]))
            Runtime.Interop.NumpyFile.Write(pixelsFile, pixels);

        var fromImage = Path.Combine(_dir.Path, "image.npy");
        var fromPixels = Path.Combine(_dir.Path, "pixels-logits.npy");
        Assert.Equal(0, ModelRunCommands.RunLogits(_dir.Path, ids, null, fromImage, terminal, [Image]));
        Assert.Equal(0, ModelRunCommands.RunLogits(_dir.Path, ids, pixelsFile, fromPixels, terminal));
        using (var a = Runtime.Interop.NumpyFile.Read(fromImage))
        using (var b = Runtime.Interop.NumpyFile.Read(fromPixels))
        {
            Assert.Equal(b.shape, a.shape);
            Assert.Equal(0f, (a - b).abs().max().item<float>());
        }

        var options = new SamplingOptions { MaxNewTokens = 4, Greedy = true };
        var before = _out.ToString().Length;
        Assert.Equal(0, ModelRunCommands.RunGenerate(_dir.Path, ids, null, options, terminal, [Image]));
        var viaImage = _out.ToString()[before..];
        before = _out.ToString().Length;
        Assert.Equal(0, ModelRunCommands.RunGenerate(_dir.Path, ids, pixelsFile, options, terminal));
        Assert.Equal(_out.ToString()[before..], viaImage);

        var e = Assert.Throws<CliInputException>(() => ModelRunCommands.RunLogits(_dir.Path, ids, pixelsFile, fromImage, terminal, [Image]));
        Assert.Contains("--pixel-values and --image", e.Message);
    }
}
