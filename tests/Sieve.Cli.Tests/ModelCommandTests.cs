using Sieve.Cli.Commands;
using Sieve.Cli.Io;
using Sieve.Runtime;
using Sieve.Runtime.Loading;
using static TorchSharp.torch;

namespace Sieve.Cli.Tests;

public sealed class ModelCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sieve-model-");

    public void Dispose() => _dir.Delete(recursive: true);

    private const string TinyConfig = """
        {
          "architectures": ["LlavaForConditionalGeneration"], "model_type": "llava", "image_token_index": 100,
          "text_config": {"model_type": "llama", "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2,
                          "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 102},
          "vision_config": {"hidden_size": 16, "intermediate_size": 32, "num_hidden_layers": 2, "num_attention_heads": 2,
                            "image_size": 28, "patch_size": 14}
        }
        """;

    private static (int Code, string Out, string Error) Info(string dir, string dtype = "float32")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = ModelCommand.RunInfo(new Terminal(new StringReader(""), output, error, false), dir,
            new RuntimeOptions { DType = dtype });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Info_reports_architecture_parameters_dtypes_and_memory_of_a_sharded_bf16_checkpoint()
    {
        var config = SyntheticLlavaCheckpoint.Write(_dir.FullName, TinyConfig, ScalarType.BFloat16, maxShardBytes: 10_000);
        var parameters = config.ParameterCount;

        var (code, output, error) = Info(_dir.FullName, "bfloat16");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("architecture:  LlavaForConditionalGeneration (model_type llava, HuggingFace layout)", output);
        Assert.Contains("text:          Llama, hidden 32, 2 layers, 4 heads (2 KV heads, head dim 8), MLP 64, vocab 102", output);
        Assert.Contains("image 28px, patch 14 (4 patches), quick_gelu", output);
        Assert.Contains($"parameters:    {parameters:N0} by config", output);
        Assert.Contains($"checkpoint:    {parameters:N0} parameters in", output);
        Assert.Contains("(matches the config)", output);
        Assert.Contains("every tensor of the HF LLaVA layout present with its shape", output);
        Assert.Contains($"dtypes:        BF16 {parameters:N0}", output);
        // Weights: parameters x 4 bytes in float32, x 2 in bfloat16; KV per 1k tokens: 2 x 2 layers x 2 heads x 8 x bytes x 1000.
        Assert.Matches($@"  float32\s+{Bytes(parameters * 4)}\s+{Bytes(2 * 2 * 2 * 8 * 4 * 1000)}", output);
        Assert.Matches($@"\* bfloat16\s+{Bytes(parameters * 2)}\s+{Bytes(2 * 2 * 2 * 8 * 2 * 1000)}", output);
    }

    private static string Bytes(long b) => b >= 1 << 20
        ? System.Text.RegularExpressions.Regex.Escape((b / (double)(1 << 20)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MiB")
        : System.Text.RegularExpressions.Regex.Escape((b / 1024.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " KiB");

    [Fact]
    public void A_truncated_weight_file_is_named_after_the_config_part()
    {
        SyntheticLlavaCheckpoint.Write(_dir.FullName, TinyConfig, ScalarType.Float32);
        var file = Path.Combine(_dir.FullName, "model.safetensors");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..^100]);

        var (code, output, error) = Info(_dir.FullName);

        Assert.Equal(1, code);
        Assert.Contains("text:          Llama", output);
        Assert.Contains("weights not read", output);
        Assert.Contains($"error: weights: {file}: tensor 'language_model.lm_head.weight': truncated file", error);
    }

    [Fact]
    public void A_folder_without_config_is_an_error_naming_the_file()
    {
        var (code, output, error) = Info(_dir.FullName);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal($"error: {Path.Combine(_dir.FullName, "config.json")}: file not found{Environment.NewLine}", error);
    }

    [Fact]
    public void The_model_command_is_wired_into_sieve()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = SieveCommandLine.Run(["model", "info", _dir.FullName], () => new Terminal(new StringReader(""), output, error, false));
        Assert.Equal(1, code);
        Assert.Contains("config.json: file not found", error.ToString());
    }
}
