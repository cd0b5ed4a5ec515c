using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Sieve.Cli.Io;
using Sieve.Runtime.Reduction;

namespace Sieve.Cli.Commands;

/// <summary><c>--reduce</c>, <c>--keep</c> and <c>--dump-kept</c>, shared by <c>sieve model logits|generate|run</c>.</summary>
public sealed class ModelReductionOptions
{
    public Option<string?> Reduce { get; } = new("--reduce")
    {
        Description = "Vision-token reduction, overriding appsettings.json Runtime:Reduction: none, dart:M[:k=2][:mode=paper|exact]" +
            "[:pimg=4][:ptxt=4], fastv:M[:k=2], random:M[:seed=0][:k=2], pool:k (k×k average, k ≤ 8) or pool:N (N tokens), " +
            "globalcom2:R[:thumb=score|spatial] (LLaVA-NeXT, R in (0, 1] kept); " +
            "M is tokens kept per image or a fraction (0.25). One encoder-side and one decoder-side method may be joined by a comma.",
    };

    public Option<string?> Keep { get; } = new("--keep")
    {
        Description = "JSON list of absolute image positions (in the expanded prompt) to keep at layer K instead of selecting " +
            "(K of the --reduce method, else 2); every listed position must be an image token.",
    };

    public Option<string?> DumpKept { get; } = new("--dump-kept")
    {
        Description = "Write the absolute image positions that were kept as a JSON list (all of them without a decoder-side reducer).",
    };

    public void AddTo(Command command)
    {
        command.Add(Reduce);
        command.Add(Keep);
        command.Add(DumpKept);
    }

    public ReductionRequest Read(ParseResult parse) => new(parse.GetValue(Reduce), parse.GetValue(Keep), parse.GetValue(DumpKept));
}

/// <summary>One command's reduction flags. <see cref="Resolve"/> turns them (or appsettings.json) into reducers.</summary>
public sealed record ReductionRequest(string? Reduce = null, string? Keep = null, string? DumpKept = null)
{
    /// <summary>The reducers: <c>--reduce</c>, else <c>Runtime:Reduction</c>; <c>--keep</c> replaces the decoder-side
    /// selection (at that method's layer K, else 2). Bad specs and files become one error line naming the flag.</summary>
    public Reducers Resolve(ReductionOptions? settings = null)
    {
        ReductionSpec spec;
        if (Reduce is not null)
        {
            try { spec = ReductionSpec.Parse(Reduce); }
            catch (ReductionSpecException e) { throw new CliInputException($"--reduce: {e.Message}"); }
        }
        else
        {
            settings ??= SieveConfiguration.Load().GetSection(ReductionOptions.Section).Get<ReductionOptions>() ?? new ReductionOptions();
            try { spec = settings.ToSpec(); }
            catch (ReductionSpecException e) { throw new CliInputException($"appsettings.json: {e.Message}"); }
        }
        var reducers = spec.Build();
        if (Keep is null) return reducers;
        long[] positions;
        try { positions = KeptPositionsFile.Read(Keep); }
        catch (ArgumentException e) { throw new CliInputException($"--keep {e.Message}"); }
        return reducers with { Decoder = new KeptPositionsReducer(positions, reducers.Decoder?.Layer ?? 2, $"--keep {Keep}") };
    }

    /// <summary>Writes <c>--dump-kept</c> when asked for, and a line on stderr when anything was reduced.</summary>
    public void Report(ReductionOutcome outcome, Reducers reducers, Terminal terminal, bool announce = true)
    {
        if (announce && (reducers.Vision is not null || reducers.Decoder is not null))
            terminal.Error.WriteLine($"reduction {Reduce ?? "(appsettings.json)"}{(Keep is null ? "" : $" --keep {Keep}")}: {outcome}");
        if (DumpKept is null) return;
        try { KeptPositionsFile.Write(DumpKept, outcome.KeptImagePositions); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"--dump-kept {DumpKept}: {e.Message}");
        }
    }
}
