using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Sieve.Agents.PatentFinder;
using Sieve.Agents.Reports;
using Sieve.Server.Jobs;

namespace Sieve.Server.Tests;

public sealed class ReportJobTests
{
    [Fact]
    public async Task Report_job_by_server_side_path_runs_to_a_report_in_three_formats()
    {
        await using var server = await LiveServer.StartAsync();
        var post = await server.Client.PostAsJsonAsync("/v1/reports", new { patentPath = "patents/coxib", molecule = LiveServer.Celecoxib });
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var status = await LiveServer.Json(post);
        var location = post.Headers.Location!.ToString();
        Assert.Equal($"/v1/reports/{status.GetProperty("id").GetString()}", location);
        Assert.Contains(status.GetProperty("status").GetString(), new[] { "queued", "running", "done" });

        var report = await server.WaitAsync(location);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var json = await LiveServer.Json(report);
        Assert.Equal("covered", json.GetProperty("verdict").GetString());

        var html = await server.Client.GetAsync(location + "?format=html");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await html.Content.ReadAsStringAsync());
        var md = await server.Client.GetAsync(location + "?format=md");
        Assert.Equal("text/markdown", md.Content.Headers.ContentType?.MediaType);
        Assert.Contains("covered", await md.Content.ReadAsStringAsync());
        var done = await LiveServer.Json(await server.Client.GetAsync(location + "/status"));
        Assert.Equal("done", done.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Report_job_by_zip_upload_with_a_molfile_gives_the_same_verdict()
    {
        await using var server = await LiveServer.StartAsync();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(ZipOf(Repository.Patent("coxib-diarylpyrazole"), "coxib-diarylpyrazole")), "patent", "coxib.zip" },
            { new StringContent(Molfile(LiveServer.Celecoxib)), "molecule", "celecoxib.mol" },
        };
        var post = await server.Client.PostAsync("/v1/reports", form);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var report = await server.WaitAsync(post.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("covered", (await LiveServer.Json(report)).GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Report_job_on_an_uploaded_package_whose_formula_is_only_drawn_reads_the_drawing()
    {
        await using var server = await LiveServer.StartAsync();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(ZipOf(Repository.Patent("benzodiazepinone-drawn"), "benzodiazepinone-drawn")), "patent", "bzd.zip" },
            { new StringContent("CN1C(=O)CN=C(c2ccccc2)c2cc(Cl)ccc21"), "molecule" },
        };
        var post = await server.Client.PostAsync("/v1/reports", form);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var report = await server.WaitAsync(post.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var json = await LiveServer.Json(report);
        Assert.Equal("covered", json.GetProperty("verdict").GetString());
        var image = Assert.Single(json.GetProperty("formulaImages").EnumerateArray().ToList());
        Assert.Equal("formulas/I.png", image.GetProperty("file").GetString());
        Assert.True(image.GetProperty("confidence").GetDouble() > 0);
    }

    [Fact]
    public async Task Job_in_flight_at_shutdown_runs_again_after_restart()
    {
        var gate = new BlockingEngine();
        await using var server = await LiveServer.StartAsync(s => s.AddSingleton<IReportEngine>(gate));
        var post = await server.Client.PostAsJsonAsync("/v1/reports", new { patentPath = "patents/coxib", molecule = LiveServer.Celecoxib });
        var location = post.Headers.Location!.ToString();
        Assert.True(gate.Started.Wait(TimeSpan.FromSeconds(30)), "the job never started");
        Assert.Equal("running", (await LiveServer.Json(await server.Client.GetAsync(location + "/status"))).GetProperty("status").GetString());

        await server.RestartAsync(_ => { }); // the new server has the real engine; the blocked job was abandoned
        var report = await server.WaitAsync(location);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("covered", (await LiveServer.Json(report)).GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Path_outside_the_allowed_root_is_refused_and_nothing_is_stored()
    {
        await using var server = await LiveServer.StartAsync();
        foreach (var path in new[] { "../../..", "/etc", Repository.Patent("coxib-diarylpyrazole") })
        {
            var post = await server.Client.PostAsJsonAsync("/v1/reports", new { patentPath = path, molecule = LiveServer.Celecoxib });
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
            var problem = await LiveServer.Json(post);
            Assert.Equal("patentPath", problem.GetProperty("parameter").GetString());
            Assert.Contains("outside the allowed folder", problem.GetProperty("detail").GetString());
        }
        await AssertNothingStored(server);
    }

    [Fact]
    public async Task Data_folder_inside_the_root_is_off_limits_to_paths()
    {
        await using var server = await LiveServer.StartAsync(configure: o => o.DataDirectory = Path.Combine(o.AllowedRoot, "data"));
        var post = await server.Client.PostAsJsonAsync("/v1/batches", new { patentsPath = "data", molecules = LiveServer.Celecoxib });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("data folder", (await LiveServer.Json(post)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Symbolic_link_leading_out_of_the_root_is_refused()
    {
        await using var server = await LiveServer.StartAsync();
        Directory.CreateSymbolicLink(Path.Combine(server.Options.AllowedRoot, "escape"), Repository.Patent("coxib-diarylpyrazole"));
        var post = await server.Client.PostAsJsonAsync("/v1/reports", new { patentPath = "escape", molecule = LiveServer.Celecoxib });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        await AssertNothingStored(server);
    }

    [Fact]
    public async Task Zip_bomb_is_refused_with_413_and_nothing_is_stored()
    {
        await using var server = await LiveServer.StartAsync(configure: o => o.MaxExtractedBytes = 16L * 1024 * 1024);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(zip.CreateEntry("claims.txt").Open())) w.Write("1. A compound of formula I.");
            using var big = zip.CreateEntry("formulas/notes.txt", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++) big.Write(zeros); // 64 MB of zeros, a few tens of KB packed
        }
        Assert.True(buffer.Length < 1 << 20);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(buffer.ToArray()), "patent", "bomb.zip" },
            { new StringContent(LiveServer.Celecoxib), "molecule" },
        };
        var post = await server.Client.PostAsync("/v1/reports", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, post.StatusCode);
        Assert.Contains("zip bomb", (await LiveServer.Json(post)).GetProperty("detail").GetString());
        await AssertNothingStored(server);
    }

    [Fact]
    public async Task A_200_MB_png_upload_is_refused_with_413_and_nothing_is_stored()
    {
        await using var server = await LiveServer.StartAsync();
        var size = 200L * 1024 * 1024;
        using var form = new MultipartFormDataContent
        {
            { new StreamContent(new FakePng(size)), "patent", "structure.png" },
            { new StringContent(LiveServer.Celecoxib), "molecule" },
        };
        HttpResponseMessage post;
        try
        {
            post = await server.Client.PostAsync("/v1/reports", form);
        }
        catch (HttpRequestException)
        {
            // Kestrel may close the connection while the client is still sending; what matters is nothing stored.
            await AssertNothingStored(server);
            return;
        }
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, post.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
        await AssertNothingStored(server);
    }

    [Fact]
    public async Task A_png_sent_as_the_patent_package_and_a_fake_png_inside_a_zip_get_415()
    {
        await using var server = await LiveServer.StartAsync();
        var png = new byte[4096];
        FakePng.Signature.CopyTo(png, 0);
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(png), "patent", "package.zip" }, { new StringContent(LiveServer.Celecoxib), "molecule" } })
        {
            var post = await server.Client.PostAsync("/v1/reports", form);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, post.StatusCode);
            Assert.Contains("got a PNG image", (await LiveServer.Json(post)).GetProperty("detail").GetString());
        }
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(zip.CreateEntry("claims.txt").Open())) w.Write("1. A compound.");
            using (var w = new StreamWriter(zip.CreateEntry("formulas/I.png").Open())) w.Write("#!/bin/sh\nrm -rf /\n");
        }
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(buffer.ToArray()), "patent", "p.zip" }, { new StringContent(LiveServer.Celecoxib), "molecule" } })
        {
            var post = await server.Client.PostAsync("/v1/reports", form);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, post.StatusCode);
            Assert.Contains("'formulas/I.png' is named .png", (await LiveServer.Json(post)).GetProperty("detail").GetString());
        }
        await AssertNothingStored(server);
    }

    [Fact]
    public async Task Zip_entries_that_climb_out_of_the_package_are_refused()
    {
        await using var server = await LiveServer.StartAsync();
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(zip.CreateEntry("claims.txt").Open())) w.Write("1. A compound.");
            using (var w = new StreamWriter(zip.CreateEntry("../../escaped.txt").Open())) w.Write("x");
        }
        using var form = new MultipartFormDataContent { { new ByteArrayContent(buffer.ToArray()), "patent", "p.zip" }, { new StringContent(LiveServer.Celecoxib), "molecule" } };
        var post = await server.Client.PostAsync("/v1/reports", form);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("outside the package", (await LiveServer.Json(post)).GetProperty("detail").GetString());
        Assert.False(File.Exists(Path.Combine(server.Options.DataDirectory, "..", "escaped.txt")));
        await AssertNothingStored(server);
    }

    [Theory]
    [InlineData("C1CC", "molecule")]
    [InlineData("", "molecule")]
    public async Task Unreadable_molecule_is_400_naming_it(string molecule, string parameter)
    {
        await using var server = await LiveServer.StartAsync();
        var post = await server.Client.PostAsJsonAsync("/v1/reports", new { patentPath = "patents/coxib", molecule });
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(parameter, (await LiveServer.Json(post)).GetProperty("parameter").GetString());
        await AssertNothingStored(server);
    }

    [Fact]
    public async Task Unknown_job_and_unknown_format_are_clear_4xx()
    {
        await using var server = await LiveServer.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/v1/reports/0123456789abcdef0123456789abcdef")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/v1/reports/..%2F..%2Fetc")).StatusCode);
        var bad = await server.Client.GetAsync("/v1/reports/0123456789abcdef0123456789abcdef?format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("format", (await LiveServer.Json(bad)).GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Failing_job_reports_why_without_a_stack_trace()
    {
        await using var server = await LiveServer.StartAsync(s => s.AddSingleton<IReportEngine>(new ThrowingEngine()));
        var post = await server.Client.PostAsJsonAsync("/v1/reports", new { patentPath = "patents/coxib", molecule = LiveServer.Celecoxib });
        var result = await server.WaitAsync(post.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, result.StatusCode);
        var text = await result.Content.ReadAsStringAsync();
        Assert.Contains("internal error", text);
        Assert.DoesNotContain("NullReferenceException", text);
        Assert.DoesNotContain(" at Sieve.", text);
    }

    internal static async Task AssertNothingStored(LiveServer server)
    {
        var jobs = Path.Combine(server.Options.DataDirectory, "jobs");
        Assert.True(!Directory.Exists(jobs) || Directory.GetFileSystemEntries(jobs).Length == 0, "a job folder was written");
        var health = await LiveServer.Json(await server.Client.GetAsync("/healthz"));
        foreach (var state in new[] { "queued", "running", "done", "failed" })
            Assert.Equal(0, health.GetProperty("jobs").GetProperty(state).GetInt32());
    }

    internal static byte[] ZipOf(string folder, string top)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
                zip.CreateEntryFromFile(file, top + "/" + Path.GetRelativePath(folder, file).Replace('\\', '/'));
        return buffer.ToArray();
    }

    private static string Molfile(string smiles) =>
        Sieve.Chemistry.Molfile.MolfileWriter.Write(Sieve.Chemistry.Smiles.SmilesReader.Read(smiles));

    /// <summary>Blocks every job until the test ends; cancellation (server shutdown) abandons it.</summary>
    private sealed class BlockingEngine : IReportEngine
    {
        public ManualResetEventSlim Started { get; } = new();

        public InfringementReport Run(string patentDirectory, MoleculeSource molecule, CancellationToken cancel)
        {
            Started.Set();
            cancel.WaitHandle.WaitOne();
            cancel.ThrowIfCancellationRequested();
            throw new InvalidOperationException("unreachable");
        }
    }

    private sealed class ThrowingEngine : IReportEngine
    {
        public InfringementReport Run(string patentDirectory, MoleculeSource molecule, CancellationToken cancel) =>
            throw new NullReferenceException("a bug");
    }
}

/// <summary>A stream of <paramref name="length"/> bytes that starts with the PNG signature and never exists in memory.</summary>
internal sealed class FakePng(long length) : Stream
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - _position);
        for (var i = 0; i < n; i++)
            buffer[offset + i] = _position + i < Signature.Length ? Signature[_position + i] : (byte)0x42;
        _position += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
