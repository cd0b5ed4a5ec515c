using System.Diagnostics;
using Sieve.Runtime.Native;

namespace Sieve.Runtime.Tests.Native;

public sealed class TorchNativeFixupTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static NativeFixOutcome ExpectedFirstOutcome =>
        TorchNativeFixup.IsNeeded ? NativeFixOutcome.Patched : NativeFixOutcome.NotNeeded;

    [Fact]
    public void Patches_every_copy_under_the_roots_once_and_then_reports_them_patched()
    {
        var a = PristineLibrary.CopyTo(Path.Combine(_dir.Path, "pkg", "0.107.0", "runtimes", "linux-x64", "native"));
        var b = PristineLibrary.CopyTo(Path.Combine(_dir.Path, "app", "bin"));
        File.WriteAllText(Path.Combine(_dir.Path, "app", "libOther.so"), "not ours, not looked at");
        string[] roots = [Path.Combine(_dir.Path, "pkg"), Path.Combine(_dir.Path, "app"), Path.Combine(_dir.Path, "missing")];

        var first = TorchNativeFixup.PatchInstalledCopies(roots);
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), first.Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.All(first, r => Assert.Equal(ExpectedFirstOutcome, r.Outcome));
        Assert.All(first, r => Assert.Equal(TorchNativeFixup.IsNeeded, IsWeak(r.Path)));

        var second = TorchNativeFixup.PatchInstalledCopies(roots);
        var expectedAgain = TorchNativeFixup.IsNeeded ? NativeFixOutcome.AlreadyPatched : NativeFixOutcome.NotNeeded;
        Assert.All(second, r => Assert.Equal(expectedAgain, r.Outcome));
    }

    [Fact]
    public void A_symlinked_copy_is_patched_where_it_lives_and_stays_a_link()
    {
        var real = PristineLibrary.CopyTo(Path.Combine(_dir.Path, "real"));
        var linkDir = Directory.CreateDirectory(Path.Combine(_dir.Path, "linked")).FullName;
        var link = Path.Combine(linkDir, TorchNativeFixup.LibraryFileName);
        File.CreateSymbolicLink(link, real);

        var results = TorchNativeFixup.PatchInstalledCopies([link, real]);

        Assert.Equal([real], results.Select(r => r.Path));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(TorchNativeFixup.IsNeeded, IsWeak(real));
    }

    [Fact]
    public void A_file_of_that_name_that_is_not_ELF_is_refused_naming_it()
    {
        var bogus = Path.Combine(Directory.CreateDirectory(Path.Combine(_dir.Path, "x")).FullName, TorchNativeFixup.LibraryFileName);
        File.WriteAllText(bogus, "oops");
        if (!TorchNativeFixup.IsNeeded)
            return; // nothing is read when the system needs no fix
        var e = Assert.Throws<ElfFormatException>(() => TorchNativeFixup.PatchInstalledCopies([_dir.Path]));
        Assert.Equal(bogus, e.FilePath);
    }

    [Fact]
    public void Default_roots_are_the_NuGet_TorchSharp_folder_and_the_app_base()
    {
        var roots = TorchNativeFixup.DefaultRoots();
        Assert.Equal(Path.Combine(TorchNativeFixup.NuGetPackagesFolder(), "torchsharp"), roots[0]);
        Assert.True(Directory.Exists(Path.Combine(roots[0], TorchNativeFixup.TorchSharpPackageVersion())));
        Assert.Equal(AppContext.BaseDirectory, roots[1]);
    }

    /// <summary>
    /// The system's dynamic loader, run in a child process in list mode (what ldd does), resolves the library's
    /// dependencies and checks its version needs without running any of its code; so an unpatched copy can be tried
    /// without risking this test host.
    /// </summary>
    [Fact]
    public void The_system_loader_rejects_the_unpatched_copy_only_when_needed_and_accepts_the_patched_one()
    {
        var nativeDir = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        Assert.True(File.Exists(Path.Combine(nativeDir, "libtorch_cpu.so")), "libtorch natives are copied next to the tests");
        var copy = PristineLibrary.CopyTo(_dir.Path);

        var (_, output) = LoaderList(copy, nativeDir);
        // List mode reports a failed version check but still exits 0 (as ldd does); the messages are the verdict.
        Assert.Equal(TorchNativeFixup.IsNeeded, StrongFailures(output).Any(l => l.Contains(TorchNativeFixup.MissingVersion)));

        ElfVersionNeeds.MarkWeak(copy, TorchNativeFixup.MissingVersion);
        (var code, output) = LoaderList(copy, nativeDir);
        Assert.Empty(StrongFailures(output));
        // In list mode the loader is verbose and names the weak need it let pass.
        Assert.Equal(TorchNativeFixup.IsNeeded,
            output.Contains($"weak version `{TorchNativeFixup.MissingVersion}' not found", StringComparison.Ordinal));
        Assert.Equal(0, code);
        Assert.Contains("libtorch_cpu.so => " + nativeDir, output);
    }

    private static List<string> StrongFailures(string loaderOutput) =>
        loaderOutput.Split('\n').Where(l => l.Contains("not found") && !l.Contains("weak version")).ToList();

    private static bool IsWeak(string path) =>
        ElfVersionNeeds.Read(path).Single(n => n.Version == TorchNativeFixup.MissingVersion).IsWeak;

    private static (int Code, string Output) LoaderList(string library, string dependencies)
    {
        var psi = new ProcessStartInfo("/lib64/ld-linux-x86-64.so.2")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add("--list");
        psi.ArgumentList.Add(library);
        psi.Environment["LD_LIBRARY_PATH"] = dependencies;
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }
}
