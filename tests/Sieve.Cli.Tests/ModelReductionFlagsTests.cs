using System.Text.Json;
using Sieve.Cli.Commands;
using Sieve.Cli.Io;
using Sieve.Runtime;
using Sieve.Runtime.Interop;
using Sieve.Runtime.Tests.Loading;
using Sieve.Runtime.Tests.Models;
using Sieve.Runtime.Tests.Parity;
using Sieve.Runtime.Tests.Tokenization;

namespace Sieve.Cli.Tests;

/// <summary><c>--reduce</c>, <c>--keep</c> and <c>--dump-kept</c> on <c>sieve model logits|generate|run</c>.</summary>
public sealed class ModelReductionFlagsTests : IDisposable
{
    private readonly ScratchFolder _dir = new();

    public ModelReductionFlagsTests() => TorchRuntime.EnsureLoadable();

    public void Dispose() => _dir.Dispose();

    /// <summary>The parity case with one expanded image: rows 2..17 are its 16 tokens, 4 text rows follow.</summary>
    private (string Folder, string Pixels, string Ids) Prepare()
    {
        var c = ParityCase.All[1];
        var folder = _dir.File("model");
        TinyCheckpoint.Write(folder, c.Layout, tied: c.Tied, kvHeads: c.KvHeads);
        var pixels = _dir.File("pixels.npy");
        using (var p = TinyLlava.Pixels(c.Images)) NumpyFile.Write(pixels, p);
        return (folder, pixels, string.Join(",", c.InputIds));
    }

    private CliRunner.Result Logits(string folder, string pixels, string ids, string outFile, params string[] extra) =>
        CliRunner.Run("", ["model", "logits", folder, "--input-ids", ids, "--pixel-values", pixels, "--out", outFile, .. extra]);

    private static float[] Read(string npy)
    {
        using var t = NumpyFile.Read(npy);
        return t.data<float>().ToArray();
    }

    [Fact]
    public void Logits_with_dart_dumps_the_kept_positions_and_keep_replays_them_to_the_same_logits()
    {
        var (folder, pixels, ids) = Prepare();
        var dumped = _dir.File("kept.json");
        var reduced = Logits(folder, pixels, ids, _dir.File("dart.npy"), "--reduce", "dart:8", "--dump-kept", dumped);
        Assert.True(reduced.ExitCode == 0, reduced.Error);
        Assert.Contains("float32 [18, 128]", reduced.Out);                  // 6 text rows + 12 kept image rows
        Assert.Contains("reduction dart:8: image tokens kept 12 of 16", reduced.Error);
        var kept = JsonSerializer.Deserialize<long[]>(File.ReadAllText(dumped))!;
        Assert.Equal(12, kept.Length);
        Assert.All(kept, p => Assert.InRange(p, 2, 17));

        var replayed = Logits(folder, pixels, ids, _dir.File("keep.npy"), "--keep", dumped);
        Assert.True(replayed.ExitCode == 0, replayed.Error);
        Assert.Equal(Read(_dir.File("dart.npy")), Read(_dir.File("keep.npy")));
    }

    [Fact]
    public void Keep_with_every_image_position_writes_the_unreduced_logits_exactly()
    {
        var (folder, pixels, ids) = Prepare();
        var all = _dir.File("all.json");
        File.WriteAllText(all, JsonSerializer.Serialize(Enumerable.Range(2, 16)));
        Assert.Equal(0, Logits(folder, pixels, ids, _dir.File("plain.npy")).ExitCode);
        var kept = Logits(folder, pixels, ids, _dir.File("kept.npy"), "--keep", all);
        Assert.True(kept.ExitCode == 0, kept.Error);
        Assert.Contains("image tokens kept 16 of 16", kept.Error);
        Assert.Equal(Read(_dir.File("plain.npy")), Read(_dir.File("kept.npy")));
    }

    [Theory]
    [InlineData("--reduce", "zip:3", "error: --reduce: reduction spec 'zip:3': unknown method 'zip'")]
    [InlineData("--reduce", "dart:many", "error: --reduce: reduction spec 'dart:many': budget 'many'")]
    [InlineData("--reduce", "dart:8:k=7", "reducer's layer must be in 1..2, not 7")]
    public void A_bad_reduce_spec_exits_1_naming_the_flag_and_the_spec(string flag, string value, string message)
    {
        var (folder, pixels, ids) = Prepare();
        var result = Logits(folder, pixels, ids, _dir.File("x.npy"), flag, value);
        Assert.Equal(ExitCodes.BadArguments, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.False(File.Exists(_dir.File("x.npy")));
    }

    [Fact]
    public void A_keep_file_naming_a_text_position_or_not_a_list_exits_1_naming_the_file()
    {
        var (folder, pixels, ids) = Prepare();
        var text = _dir.File("text.json");
        File.WriteAllText(text, "[2, 3, 19]");
        var result = Logits(folder, pixels, ids, _dir.File("x.npy"), "--keep", text);
        Assert.Equal(ExitCodes.BadArguments, result.ExitCode);
        Assert.Contains($"--keep {text}: position 19 is not an image token of this prompt (image tokens are at 2..17)", result.Error);

        var broken = _dir.File("broken.json");
        File.WriteAllText(broken, "2, 3");
        result = CliRunner.Run("", "model", "generate", folder, "--input-ids", ids, "--pixel-values", pixels, "--keep", broken);
        Assert.Equal(ExitCodes.BadArguments, result.ExitCode);
        Assert.Contains($"--keep {broken}: not a JSON array of image positions", result.Error);
    }

    [Fact]
    public void Generate_with_a_reduction_prints_the_tokens_and_what_was_kept_and_keep_replays_the_same_tokens()
    {
        var (folder, pixels, ids) = Prepare();
        var dumped = _dir.File("fastv.json");
        var reduced = CliRunner.Run("", "model", "generate", folder, "--input-ids", ids, "--pixel-values", pixels,
            "--max-new-tokens", "6", "--greedy", "--reduce", "fastv:4", "--dump-kept", dumped);
        Assert.True(reduced.ExitCode == 0, reduced.Error);
        Assert.Equal(6, reduced.Out.Trim().Split(',').Length);
        Assert.Contains("reduction fastv:4: image tokens kept 4 of 16", reduced.Error);

        var replayed = CliRunner.Run("", "model", "generate", folder, "--input-ids", ids, "--pixel-values", pixels,
            "--max-new-tokens", "6", "--greedy", "--keep", dumped);
        Assert.Equal(reduced.Out, replayed.Out);
    }

    [Fact]
    public void Run_shows_the_kept_tokens_in_its_timings_and_pooling_shrinks_the_prompt()
    {
        using var chat = new ScratchFolder();
        var folder = chat.Path;
        TinyCheckpoint.Write(folder, vocabSize: 416, imageToken: TinyTokenizer.ImageId);
        TinyTokenizer.WriteFolder(chat);
        var image = Path.Combine(AppContext.BaseDirectory, "Data", "preprocess-input.png");
        var outWriter = new StringWriter();
        var errWriter = new StringWriter();
        var terminal = new Terminal(new StringReader(""), outWriter, errWriter, ShowProgress: false);

        Assert.Equal(0, ModelChatCommand.Run(folder, [image], "What is shown?", terminal, maxNewTokens: 3, greedy: true,
            reduction: new ReductionRequest("pool:2", DumpKept: _dir.File("pool.json"))));
        Assert.Contains("image tokens kept 4 of 4", errWriter.ToString());
        Assert.Equal(4, JsonSerializer.Deserialize<long[]>(File.ReadAllText(_dir.File("pool.json")))!.Length);
    }
}
