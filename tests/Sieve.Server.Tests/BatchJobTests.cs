using System.Net;
using System.Net.Http.Json;

namespace Sieve.Server.Tests;

public sealed class BatchJobTests
{
    [Fact]
    public async Task Batch_runs_every_pair_with_progress_then_verdicts_and_matrix()
    {
        await using var server = await LiveServer.StartAsync();
        var molecules = $"{LiveServer.Celecoxib} celecoxib\nCCO ethanol\nnot-a-smiles\n";
        var post = await server.Client.PostAsJsonAsync("/v1/batches", new { patentsPath = "patents", molecules });
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var status = await LiveServer.Json(post);
        Assert.Equal(3, status.GetProperty("progress").GetProperty("total").GetInt32());

        var done = await server.WaitAsync(post.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var result = await LiveServer.Json(done);
        Assert.Equal(3, result.GetProperty("pairs").GetInt32());
        Assert.Equal(1, result.GetProperty("covered").GetInt32());
        Assert.Equal(1, result.GetProperty("errors").GetInt32());
        Assert.Equal(3, result.GetProperty("job").GetProperty("progress").GetProperty("done").GetInt32());
        var verdicts = result.GetProperty("verdicts").EnumerateArray().Select(v => v.GetProperty("verdict").GetString()).ToList();
        Assert.Equal("covered", verdicts[0]);
        Assert.Equal("error", verdicts[2]);

        var csv = await server.Client.GetStringAsync(post.Headers.Location + "?format=csv");
        Assert.StartsWith("molecule,smiles,coxib\n", csv);
    }

    [Fact]
    public async Task Batch_by_zip_of_packages_works_and_a_zip_without_packages_is_422()
    {
        await using var server = await LiveServer.StartAsync();
        using (var form = new MultipartFormDataContent
               {
                   { new ByteArrayContent(ReportJobTests.ZipOf(Repository.Patent("coxib-diarylpyrazole"), "coxib")), "patents", "p.zip" },
                   { new StringContent(LiveServer.Celecoxib), "molecules" },
               })
        {
            var post = await server.Client.PostAsync("/v1/batches", form);
            Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
            var result = await LiveServer.Json(await server.WaitAsync(post.Headers.Location!.ToString()));
            Assert.Equal(1, result.GetProperty("covered").GetInt32());
        }
        using (var form = new MultipartFormDataContent
               {
                   { new ByteArrayContent(ReportJobTests.ZipOf(Path.Combine(Repository.Patent("coxib-diarylpyrazole"), "formulas"), "formulas")), "patents", "p.zip" },
                   { new StringContent(LiveServer.Celecoxib), "molecules" },
               })
        {
            var post = await server.Client.PostAsync("/v1/batches", form);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, post.StatusCode);
            Assert.Equal("patent", (await LiveServer.Json(post)).GetProperty("parameter").GetString());
        }
    }

    [Fact]
    public async Task Batch_without_molecules_or_with_a_path_outside_the_root_is_refused()
    {
        await using var server = await LiveServer.StartAsync();
        var empty = await server.Client.PostAsJsonAsync("/v1/batches", new { patentsPath = "patents", molecules = "# nothing\n" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("molecules", (await LiveServer.Json(empty)).GetProperty("parameter").GetString());
        var outside = await server.Client.PostAsJsonAsync("/v1/batches", new { patentsPath = "..", molecules = "CCO" });
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        await ReportJobTests.AssertNothingStored(server);
    }
}
