using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Sieve.Cli.Io;
using Sieve.Runtime;
using Sieve.Runtime.Native;
using TorchSharp;

namespace Sieve.Cli.Commands;

/// <summary><c>sieve setup</c>: the native fix-ups ./setup.sh runs once, then a check that TorchSharp really computes.</summary>
public static class SetupCommand
{
    public static Command Create(Func<Terminal> terminal)
    {
        var command = new Command("setup",
            "Prepare native libraries: mark libLibTorchSharp.so's GLIBCXX_3.4.32 need weak where this system's " +
            "libstdc++ lacks it (NuGet cache and this install), then load TorchSharp and run a small computation.");
        command.SetAction(_ =>
        {
            var options = SieveConfiguration.Load().GetSection(RuntimeOptions.Section).Get<RuntimeOptions>() ?? new RuntimeOptions();
            return Run(terminal(), options);
        });
        return command;
    }

    public static int Run(Terminal terminal, RuntimeOptions options)
    {
        if (options.Validate() is { Count: > 0 } problems)
        {
            foreach (var p in problems) terminal.Error.WriteLine($"error: appsettings.json: {p}");
            return ExitCodes.BadArguments;
        }
        try
        {
            if (TorchNativeFixup.IsNeeded)
            {
                // The NuGet cache first, so later builds copy an already patched file; then this install.
                foreach (var r in TorchNativeFixup.PatchInstalledCopies(TorchNativeFixup.DefaultRoots()))
                    terminal.Out.WriteLine($"setup: {r.Outcome}: {r.Path}");
            }
            else
            {
                terminal.Out.WriteLine($"setup: this system's libstdc++ has {TorchNativeFixup.MissingVersion}; no native patch needed");
            }
            foreach (var r in TorchRuntime.EnsureLoadable())
                terminal.Out.WriteLine($"setup: {r.Outcome}: {r.Path}");
            terminal.Out.WriteLine($"setup: TorchSharp computes on CPU ({CheckTorch(torch.CPU)}); CUDA available: {torch.cuda.is_available()}");
            if (options.Device == "cuda")
            {
                if (!torch.cuda.is_available())
                {
                    terminal.Error.WriteLine("error: appsettings.json sets Runtime:Device to 'cuda' but this build sees no CUDA device; " +
                        "on a GPU machine build with -p:TorchBackend=cuda, or set Runtime:Device to 'cpu'");
                    return ExitCodes.BadArguments;
                }
                terminal.Out.WriteLine($"setup: TorchSharp computes on CUDA ({CheckTorch(torch.CUDA)})");
            }
            terminal.Out.WriteLine($"setup: runtime configured for {options.Device}, {options.DType}");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is TorchRuntimeException or ElfFormatException or IOException or UnauthorizedAccessException)
        {
            terminal.Error.WriteLine($"error: setup failed: {e.Message}");
            return ExitCodes.BadArguments;
        }
    }

    /// <summary>A 2×2 matrix product with a known answer: proves the native library loaded and computes.</summary>
    private static string CheckTorch(torch.Device device)
    {
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2], dtype: torch.float32, device: device);
        var product = a.matmul(a).cpu();
        var values = product.data<float>().ToArray();
        if (values is not [7, 10, 15, 22])
            throw new TorchRuntimeException($"TorchSharp loaded but computed [{string.Join(", ", values)}] for [[1,2],[3,4]]², expected [7, 10, 15, 22]");
        return "[[1,2],[3,4]]² = [[7,10],[15,22]]";
    }
}
