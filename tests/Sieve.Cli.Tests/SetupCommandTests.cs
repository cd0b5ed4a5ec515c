using Sieve.Cli.Commands;
using Sieve.Cli.Io;
using Sieve.Runtime;

namespace Sieve.Cli.Tests;

public class SetupCommandTests
{
    private static (int Code, string Out, string Error) Run(RuntimeOptions options)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = SetupCommand.Run(new Terminal(new StringReader(""), output, error, false), options);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Setup_leaves_torch_loadable_and_proves_it_computes()
    {
        var (code, output, error) = Run(new RuntimeOptions());
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("TorchSharp computes on CPU", output);
    }

    [Fact]
    public void A_misspelt_device_in_settings_is_named_and_nothing_runs()
    {
        var (code, output, error) = Run(new RuntimeOptions { Device = "gpu" });
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("Runtime:Device is 'gpu'; expected 'cpu' or 'cuda'", error);
    }

    [Fact]
    public void Cuda_configured_without_a_cuda_build_says_how_to_switch()
    {
        if (TorchSharp.torch.cuda.is_available()) return; // on a GPU machine with the CUDA backend this is not an error
        var (code, _, error) = Run(new RuntimeOptions { Device = "cuda" });
        Assert.Equal(1, code);
        Assert.Contains("-p:TorchBackend=cuda", error);
    }

    [Fact]
    public void Settings_are_found_above_the_binary_and_environment_variables_override_them()
    {
        var dir = Directory.CreateTempSubdirectory("sieve-settings-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "appsettings.json"), """{ "Runtime": { "Device": "cuda", "DType": "bfloat16" } }""");
            var nested = Directory.CreateDirectory(Path.Combine(dir.FullName, "bin", "Release"));
            Assert.Equal(Path.Combine(dir.FullName, "appsettings.json"), SieveConfiguration.FindSettingsFile(nested.FullName));

            Environment.SetEnvironmentVariable("SIEVE_Runtime__DType", "float32");
            var config = SieveConfiguration.Load(nested.FullName);
            Assert.Equal("cuda", config["Runtime:Device"]);
            Assert.Equal("float32", config["Runtime:DType"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SIEVE_Runtime__DType", null);
            dir.Delete(recursive: true);
        }
    }
}
