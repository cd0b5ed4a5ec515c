using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Sieve.Cli.Io;
using Sieve.Runtime;
using Sieve.Runtime.Loading;
using Sieve.Runtime.Models;

namespace Sieve.Cli.Commands;

/// <summary><c>sieve model info|...</c>: the local multimodal runtime's models. One subcommand per method below.</summary>
public static class ModelCommand
{
    public static Command Create(Func<Terminal> terminal)
    {
        var model = new Command("model", "Local LLaVA models (HuggingFace folders): inspect and run them.");
        model.Add(Info(terminal));
        foreach (var run in ModelRunCommands.Create(terminal))   // logits, generate, run
            model.Add(run);
        return model;
    }

    private static Argument<string> DirArgument() => new("DIR")
    {
        Description = "A HuggingFace LLaVA model folder (config.json, *.safetensors, tokenizer.model, ...).",
    };

    private static Command Info(Func<Terminal> terminal)
    {
        var dir = DirArgument();
        var command = new Command("info",
            "Print the model's architecture (from config.json with HF defaults), parameter count, dtypes on disk and " +
            "memory estimate per runtime dtype (weights and KV cache), reading only file headers. Exit 1 when the " +
            "folder or its config is unusable; a broken weight file is reported and the config part still printed.") { dir };
        command.SetAction(parse =>
        {
            var options = SieveConfiguration.Load().GetSection(RuntimeOptions.Section).Get<RuntimeOptions>() ?? new RuntimeOptions();
            return RunInfo(terminal(), parse.GetRequiredValue(dir), options);
        });
        return command;
    }

    public static int RunInfo(Terminal terminal, string dir, RuntimeOptions options)
    {
        ModelSummary summary;
        try
        {
            summary = ModelSummary.Read(dir);
        }
        catch (CheckpointException e)
        {
            terminal.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadArguments;
        }
        ModelInfoText.Write(terminal.Out, summary, options.DType);
        if (summary.WeightProblem is { } problem)
        {
            terminal.Error.WriteLine($"error: weights: {problem}");
            return ExitCodes.BadArguments;
        }
        return ExitCodes.Ok;
    }
}

/// <summary>The text of <c>sieve model info</c>.</summary>
internal static class ModelInfoText
{
    private static string ExampleNextTokens(Sieve.Runtime.Loading.Configs.LlavaConfig c)
    {
        try
        {
            var v = c.VisionConfig;
            return $"{AnyResLayout.Create((480, 640), c.ImageGridPinpoints, v.ImageSize, v.PatchSize).PackedLength} for a 640x480 photo";
        }
        catch (ArgumentException e) { return $"unusable: {e.Message}"; }
    }

    public static void Write(TextWriter o, ModelSummary s, string configuredDType)
    {
        var c = s.Folder.Config;
        var v = c.VisionConfig;
        var t = c.TextConfig;
        o.WriteLine($"model:         {s.Folder.Path}");
        o.WriteLine($"architecture:  {string.Join(", ", c.Architectures.DefaultIfEmpty("(none given)"))} (model_type {c.ModelType}, {c.Layout} layout)");
        o.WriteLine($"vision:        CLIP ViT, hidden {v.HiddenSize}, {v.NumHiddenLayers} layers, {v.NumAttentionHeads} heads, " +
                    $"image {v.ImageSize}px, patch {v.PatchSize} ({v.NumPatches} patches), {v.HiddenAct}");
        o.WriteLine($"features:      layer {string.Join(",", c.VisionFeatureLayers)}, strategy {c.VisionFeatureSelectStrategy}" +
                    (c.VisionFeatureSelectStrategy == "default" ? " (class token dropped)" : " (class token kept)") +
                    $", {c.ImageSeqLength} image tokens, image token id {c.ImageTokenIndex}");
        if (c.IsNext)
            o.WriteLine($"anyres:        LLaVA-NeXT, grid pinpoints {string.Join(" ", c.ImageGridPinpoints.Select(p => $"{p.Height}x{p.Width}"))} " +
                        $"(height x width), image_newline per row; tokens per image depend on its size " +
                        $"({ExampleNextTokens(c)})");
        o.WriteLine($"projector:     2 linear layers, {c.ProjectorHiddenAct}, {N(c.ProjectorParameterCount)} parameters");
        o.WriteLine($"text:          Llama, hidden {t.HiddenSize}, {t.NumHiddenLayers} layers, {t.NumAttentionHeads} heads " +
                    $"({t.NumKeyValueHeads} KV heads, head dim {t.HeadDim}), MLP {t.IntermediateSize}, vocab {t.VocabSize}, " +
                    $"RoPE theta {G(t.RopeTheta)}{(t.RopeScalingType is null ? "" : $" ({t.RopeScalingType} x{G(t.RopeScalingFactor ?? 1)})")}, " +
                    $"RMSNorm eps {G(t.RmsNormEps)}, {t.MaxPositionEmbeddings} positions{(t.TieWordEmbeddings ? ", tied lm_head" : "")}");
        o.WriteLine($"parameters:    {N(s.ConfigParameterCount)} by config (vision {N(v.ParameterCount)}, projector " +
                    $"{N(c.ProjectorParameterCount)}, text {N(t.ParameterCount)})");
        if (s.WeightFiles is { } files)
        {
            o.WriteLine($"checkpoint:    {N(s.FloatingElementCount)} parameters in {s.TensorCount} tensors, {files.Count} file(s), " +
                        $"{Bytes(s.DiskBytes)} of tensor data" +
                        (s.FloatingElementCount == s.ConfigParameterCount ? " (matches the config)" : " (differs from the config)"));
            if (s.Folder.Config.Layout == Sieve.Runtime.Loading.Configs.LlavaLayout.HuggingFace)
                o.WriteLine(s.MissingTensors.Count == 0 && s.UnexpectedTensors.Count == 0
                    ? "layout:        every tensor of the HF LLaVA layout present with its shape"
                    : $"layout:        {s.MissingTensors.Count} expected tensor(s) missing or misshapen" +
                      (s.MissingTensors.Count > 0 ? $" (first: {s.MissingTensors[0]})" : "") +
                      $", {s.UnexpectedTensors.Count} unexpected" +
                      (s.UnexpectedTensors.Count > 0 ? $" (first: {s.UnexpectedTensors[0]})" : ""));
            o.WriteLine($"dtypes:        {string.Join(", ", s.ElementsByDType.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {N(kv.Value)}"))}");
        }
        else
        {
            o.WriteLine("checkpoint:    (weights not read; memory below from the config)");
        }
        o.WriteLine($"memory:        runtime dtype   weights     KV cache per 1k tokens   (* = appsettings Runtime:DType)");
        foreach (var (name, bytes) in ModelSummary.RuntimeDTypes)
            o.WriteLine($"             {(name == configuredDType ? "*" : " ")} {name,-15} {Bytes(s.WeightBytes(bytes)),-11} {Bytes(1000 * s.KvBytesPerToken(bytes))}");
        o.WriteLine("               (F16 weights on disk are loaded as bfloat16 or float32: F16 compute is slow on CPU)");
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string G(double d) => d.ToString("G6", CultureInfo.InvariantCulture);

    private static string Bytes(long b) => b switch
    {
        >= 1L << 30 => (b / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (b / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (b / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => b + " B",
    };
}
