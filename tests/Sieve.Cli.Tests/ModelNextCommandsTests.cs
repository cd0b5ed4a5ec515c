using Sieve.Runtime;
using Sieve.Runtime.Interop;
using Sieve.Runtime.Models;
using Sieve.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Sieve.Cli.Tests;

/// <summary><c>sieve model info|logits|generate</c> on a tiny LLaVA-NeXT folder, images given as files.</summary>
public sealed class ModelNextCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sieve-cli-next-").FullName;

    public ModelNextCommandsTests() => TorchRuntime.EnsureLoadable();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Image => Path.Combine(AppContext.BaseDirectory, "Data", "preprocess-input.png"); // 45 x 30

    [Fact]
    public void Info_logits_and_generate_run_on_a_NeXT_folder_with_the_image_expanded_to_its_AnyRes_count()
    {
        var folder = Path.Combine(_dir, "next");
        TinyNextCheckpoint.Write(folder);

        var info = CliRunner.Run("", "model", "info", folder);
        Assert.Equal(0, info.ExitCode);
        Assert.Contains("model_type llava_next", info.Out);
        Assert.Contains("anyres:", info.Out);
        Assert.Contains("every tensor of the HF LLaVA layout present", info.Out);

        var ids = $"1,5,{TinyLlava.ImageToken},7";
        var outFile = Path.Combine(_dir, "logits.npy");
        var logits = CliRunner.Run("", "model", "logits", folder, "--input-ids", ids, "--image", Image, "--out", outFile);
        Assert.Equal(0, logits.ExitCode);
        using var array = NumpyFile.Read(outFile);
        var expected = AnyResLayout.Create((30, 45), TinyNextCheckpoint.Config().ImageGridPinpoints, 56, 14).PackedLength;
        Assert.Equal(new long[] { 3 + expected, 128 }, array.shape);
        Assert.True(array.isfinite().all().item<bool>());

        var generated = CliRunner.Run("", "model", "generate", folder, "--input-ids", ids, "--image", Image,
            "--max-new-tokens", "3", "--greedy");
        Assert.Equal(0, generated.ExitCode);
        Assert.Equal(3, generated.Out.Trim().Split(',').Length);
    }

    [Fact]
    public void Pixel_values_without_image_sizes_are_refused_for_NeXT()
    {
        var folder = Path.Combine(_dir, "next");
        TinyNextCheckpoint.Write(folder);
        var pixels = Path.Combine(_dir, "p.npy");
        using (var p = zeros(new long[] { 1, 3, 56, 56 })) NumpyFile.Write(pixels, p);
        var run = CliRunner.Run("", "model", "logits", folder, "--input-ids", $"1,{TinyLlava.ImageToken}", "--pixel-values", pixels,
            "--out", Path.Combine(_dir, "x.npy"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("original size", run.Error);
    }
}
