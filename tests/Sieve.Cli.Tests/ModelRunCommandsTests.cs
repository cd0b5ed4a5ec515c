using System.Globalization;
using Sieve.Cli.Commands;
using Sieve.Cli.Io;
using Sieve.Runtime;
using Sieve.Runtime.Interop;
using Sieve.Runtime.Tests.Models;
using Sieve.Runtime.Tests.Parity;
using static TorchSharp.torch;

namespace Sieve.Cli.Tests;

/// <summary>
/// <c>sieve model logits|generate</c> on the runtime's parity checkpoints: the files and ids they produce are the
/// reference's (scripts depend on these formats).
/// </summary>
public sealed class ModelRunCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sieve-cli-model-").FullName;
    private readonly StringWriter _out = new(), _err = new();
    private readonly Terminal _terminal;

    public ModelRunCommandsTests()
    {
        TorchRuntime.EnsureLoadable();
        _terminal = new Terminal(new StringReader(""), _out, _err, ShowProgress: false);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (string Folder, string Pixels, string Ids) Prepare(ParityCase c)
    {
        var folder = Path.Combine(_dir, c.Name);
        TinyCheckpoint.Write(folder, c.Layout, tied: c.Tied, kvHeads: c.KvHeads);
        var pixels = Path.Combine(_dir, c.Name + ".pixels.npy");
        using (var p = TinyLlava.Pixels(c.Images)) NumpyFile.Write(pixels, p);
        return (folder, pixels, string.Join(",", c.InputIds));
    }

    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "Parity", "data", file);

    [Fact]
    public void Logits_writes_the_reference_float32_array_of_the_expanded_sequence()
    {
        var c = ParityCase.All[0];
        var (folder, pixels, ids) = Prepare(c);
        var outFile = Path.Combine(_dir, "logits.npy");

        Assert.Equal(0, ModelRunCommands.RunLogits(folder, ids, pixels, outFile, _terminal));

        using var actual = NumpyFile.Read(outFile);
        using var expected = NumpyFile.Read(Data(c.Name + ".logits.npy"));
        Assert.Equal(ScalarType.Float32, actual.dtype);
        Assert.Equal(expected.shape, actual.shape);                     // [10 + 2×15 expanded rows, 128]
        Assert.True((actual - expected).abs().max().item<float>() < 1e-4f);
    }

    [Fact]
    public void Generate_prints_the_reference_greedy_ids_comma_separated()
    {
        var c = ParityCase.All[1];
        var (folder, pixels, ids) = Prepare(c);
        // No end-of-sequence token in this tiny vocabulary's output, so all 8 tokens come.
        Assert.Equal(0, ModelRunCommands.RunGenerate(folder, ids, pixels,
            new Runtime.Generation.SamplingOptions { MaxNewTokens = 8 }, _terminal));
        Assert.Equal(File.ReadAllText(Data(c.Name + ".tokens.txt")).Trim(), _out.ToString().Trim());
    }

    [Fact]
    public void The_sieve_command_tree_runs_model_generate_and_model_logits()
    {
        var c = ParityCase.All[1];
        var (folder, pixels, ids) = Prepare(c);
        var generated = CliRunner.Run("", "model", "generate", folder, "--input-ids", ids, "--pixel-values", pixels,
            "--max-new-tokens", "8", "--greedy");
        Assert.Equal(0, generated.ExitCode);
        Assert.Equal(File.ReadAllText(Data(c.Name + ".tokens.txt")).Trim(), generated.Out.Trim());

        var outFile = Path.Combine(_dir, "cli.npy");
        var logits = CliRunner.Run("", "model", "logits", folder, "--input-ids", ids, "--pixel-values", pixels, "--out", outFile);
        Assert.Equal(0, logits.ExitCode);
        using var written = NumpyFile.Read(outFile);
        Assert.Equal([(long)c.InputIds.Length, 128], written.shape);   // already expanded: L = the ids given

        var bad = CliRunner.Run("", "model", "logits", folder, "--input-ids", "1,2", "--out", outFile, "--pixel-values", Path.Combine(_dir, "none.npy"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("none.npy: cannot read", bad.Error);
    }

    [Theory]
    [InlineData("1,x,3", "--input-ids: item 2 ('x') is not a token id")]
    [InlineData("1,-4", "--input-ids: item 2 ('-4') is not a token id")]
    public void Bad_ids_are_named(string ids, string message)
    {
        var e = Assert.Throws<CliInputException>(() => ModelInputs.ParseIds(ids));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Wrongly_shaped_pixel_values_and_missing_folders_are_refused_clearly()
    {
        var c = ParityCase.All[0];
        var (folder, _, ids) = Prepare(c);
        var pixels = Path.Combine(_dir, "small.npy");
        using (var p = zeros(1, 3, 28, 28)) NumpyFile.Write(pixels, p);
        var e = Assert.Throws<CliInputException>(() => ModelRunCommands.RunLogits(folder, ids, pixels, Path.Combine(_dir, "x.npy"), _terminal));
        Assert.Contains("shape (1, 3, 28, 28)", e.Message);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"[images, 3, 56, 56]"), e.Message);

        e = Assert.Throws<CliInputException>(() => ModelRunCommands.RunLogits(Path.Combine(_dir, "none"), ids, null, Path.Combine(_dir, "x.npy"), _terminal));
        Assert.Contains("no such model folder", e.Message);

        // An image token in the ids but no image given.
        e = Assert.Throws<CliInputException>(() => ModelRunCommands.RunLogits(folder, ids, null, Path.Combine(_dir, "x.npy"), _terminal));
        Assert.Contains("no image was given", e.Message);
    }
}
