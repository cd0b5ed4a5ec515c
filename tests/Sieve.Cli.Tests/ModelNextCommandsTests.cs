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
    public void Reduce_globalcom2_with_dart_shortens_the_prompt_and_dumps_the_kept_positions()
    {
        var folder = Path.Combine(_dir, "next");
        TinyNextCheckpoint.Write(folder);
        var ids = $"1,5,{TinyLlava.ImageToken},7";
        var full = AnyResLayout.Create((30, 45), TinyNextCheckpoint.Config().ImageGridPinpoints, 56, 14).PackedLength;
        var outFile = Path.Combine(_dir, "logits.npy");
        var dump = Path.Combine(_dir, "kept.json");
        var run = CliRunner.Run("", "model", "logits", folder, "--input-ids", ids, "--image", Image, "--out", outFile,
            "--reduce", "globalcom2:0.5,dart:6:mode=exact", "--dump-kept", dump);
        Assert.Equal(0, run.ExitCode);
        using var array = NumpyFile.Read(outFile);
        Assert.Equal(3 + 6, array.shape[0]);                // logits of the rows past DART: 3 text + 6 image
        // "image tokens kept 6 of N": N, what GlobalCom² passed on, is below the unreduced count.
        var passed = int.Parse(System.Text.RegularExpressions.Regex.Match(run.Error, @"kept 6 of (\d+)").Groups[1].Value);
        Assert.InRange(passed, 7, full - 1);
        var kept = System.Text.Json.JsonSerializer.Deserialize<long[]>(File.ReadAllText(dump))!;
        Assert.Equal(6, kept.Length);
        Assert.All(kept, p => Assert.InRange(p, 2, 2 + passed - 1));

        var pool = CliRunner.Run("", "model", "logits", folder, "--input-ids", ids, "--image", Image, "--out", outFile,
            "--reduce", "pool:2");
        Assert.Equal(1, pool.ExitCode);
        Assert.Contains("globalcom2", pool.Error);
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
