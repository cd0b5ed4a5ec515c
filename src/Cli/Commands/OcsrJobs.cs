using System.Diagnostics;
using System.Text.Json;
using Sieve.Cli.Io;
using Sieve.Ocsr;

namespace Sieve.Cli.Commands;

/// <summary>The work of <c>sieve ocsr</c>: each image read on its own, one line out per image whatever happens.</summary>
public static class OcsrJobs
{
    public static int Read(IReadOnlyList<string> images, bool json, Terminal t)
    {
        var failed = 0;
        foreach (var image in images)
        {
            var clock = Stopwatch.StartNew();
            OcsrResult result;
            try
            {
                result = StructureReader.Read(image);
            }
            catch (OcsrException e)
            {
                result = new OcsrResult(image, [], e.Problem);
            }
            var seconds = clock.Elapsed.TotalSeconds;
            if (result.Failure is not null)
            {
                failed++;
                t.Error.WriteLine($"{image}: {result.Failure}");
            }
            t.Out.WriteLine(json
                ? JsonSerializer.Serialize(new
                {
                    image,
                    smiles = result.Line,
                    confidence = Math.Round(result.Confidence, 3),
                    width = result.Width,
                    height = result.Height,
                    structures = result.Structures,
                    failure = result.Failure,
                    seconds = Math.Round(seconds, 4),
                }, MarkushJson.Lines)
                : result.Line);
        }
        return failed == 0 ? ExitCodes.Ok : ExitCodes.SomeInputsFailed;
    }
}
