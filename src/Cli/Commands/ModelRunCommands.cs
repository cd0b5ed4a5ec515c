using System.CommandLine;
using Sieve.Cli.Io;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Interop;
using Sieve.Runtime.Reduction;
using static TorchSharp.torch;

namespace Sieve.Cli.Commands;

/// <summary>
/// <c>sieve model logits|generate</c>: exact prefill logits and generated token ids of a LLaVA folder, for parity
/// checks and research scripts (their output formats are a contract). Added under <c>sieve model</c>.
/// </summary>
public static class ModelRunCommands
{
    public static IEnumerable<Command> Create(Func<Terminal> terminal) => [Logits(terminal), Generate(terminal), ModelChatCommand.Create(terminal)];

    private static Argument<string> FolderArgument() => new("DIR") { Description = "HuggingFace LLaVA model folder (config.json, *.safetensors)." };

    private static Option<string> InputIdsOption() => new("--input-ids")
    {
        Description = "Prompt token ids, comma-separated; the model's image token id marks each image (one per image, or already expanded).",
        Required = true,
    };

    private static Option<string?> PixelValuesOption() => new("--pixel-values")
    {
        Description = "Preprocessed pixel values as a NumPy .npy, float32 [images, 3, H, W].",
    };

    private static Option<string[]> ImageOption() => new("--image")
    {
        Description = "An image file (PNG/JPEG/...), preprocessed as the checkpoint's preprocessor_config.json says; repeat for several images, in prompt order. Instead of --pixel-values.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Command Logits(Func<Terminal> terminal)
    {
        var dir = FolderArgument();
        var ids = InputIdsOption();
        var pixels = PixelValuesOption();
        var images = ImageOption();
        var output = new Option<string>("--out") { Description = "Where to write the logits (.npy, float32 [L, V]; with a decoder-side reduction, the kept rows only).", Required = true };
        var reduction = new ModelReductionOptions();
        var command = new Command("logits",
            "Write the prefill logits of every position of the expanded sequence (image tokens expanded to the image's " +
            "features) as a float32 NumPy array [L, V]. Exit 1 on bad arguments or a model that cannot be loaded.")
        {
            dir, ids, pixels, images, output,
        };
        reduction.AddTo(command);
        command.SetAction(parse => CliErrors.Guard(terminal(), t => RunLogits(
            parse.GetRequiredValue(dir), parse.GetRequiredValue(ids), parse.GetValue(pixels), parse.GetRequiredValue(output), t,
            parse.GetValue(images) ?? [], reduction.Read(parse))));
        return command;
    }

    public static int RunLogits(string folder, string idsText, string? pixelPath, string outPath, Terminal terminal,
        IReadOnlyList<string>? images = null, ReductionRequest? reduction = null)
    {
        var ids = ModelInputs.ParseIds(idsText);
        reduction ??= new ReductionRequest();
        var reducers = reduction.Resolve();
        using var model = ModelInputs.Load(folder);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (pixels, sizes) = ModelInputs.ReadVisionInput(pixelPath, images ?? [], model);
        using var cache = model.NewCache();
        try
        {
            var (embeds, layout) = model.EmbedPrompt(ids, pixels is null ? [] : model.EncodeImages(pixels, reducers.Vision, sizes));
            var (logits, kept) = model.Forward(embeds, cache, allRows: true, reducers.Decoder, layout.Images);
            NumpyFile.Write(outPath, logits);
            terminal.Out.WriteLine($"wrote {outPath}: float32 [{logits.shape[0]}, {logits.shape[1]}]");
            reduction.Report(ReductionOutcome.Of(layout, kept, 0), reducers, terminal);
        }
        catch (ArgumentException e) { throw new CliInputException(e.Message); }
        catch (IOException e) { throw new CliInputException($"--out {outPath}: {e.Message}"); }
        return ExitCodes.Ok;
    }

    public static Command Generate(Func<Terminal> terminal)
    {
        var dir = FolderArgument();
        var ids = InputIdsOption();
        var pixels = PixelValuesOption();
        var images = ImageOption();
        var maxNew = new Option<int>("--max-new-tokens") { Description = "Tokens to generate at most.", DefaultValueFactory = _ => 8 };
        var greedy = new Option<bool>("--greedy") { Description = "Argmax decoding (otherwise sampling with --temperature, --top-p, --seed)." };
        var temperature = new Option<double>("--temperature") { DefaultValueFactory = _ => 1.0 };
        var topP = new Option<double>("--top-p") { DefaultValueFactory = _ => 1.0 };
        var seed = new Option<ulong>("--seed") { DefaultValueFactory = _ => 0UL };
        var reduction = new ModelReductionOptions();
        var command = new Command("generate",
            "Generate from a prompt of token ids and print the generated ids, comma-separated (a final end-of-sequence " +
            "token from generation_config.json included, as HF's generate does).")
        {
            dir, ids, pixels, images, maxNew, greedy, temperature, topP, seed,
        };
        reduction.AddTo(command);
        command.SetAction(parse => CliErrors.Guard(terminal(), t => RunGenerate(
            parse.GetRequiredValue(dir), parse.GetRequiredValue(ids), parse.GetValue(pixels),
            new SamplingOptions
            {
                MaxNewTokens = parse.GetValue(maxNew), Greedy = parse.GetValue(greedy), Temperature = parse.GetValue(temperature),
                TopP = parse.GetValue(topP), Seed = parse.GetValue(seed),
            }, t, parse.GetValue(images) ?? [], reduction.Read(parse))));
        return command;
    }

    public static int RunGenerate(string folder, string idsText, string? pixelPath, SamplingOptions options, Terminal terminal,
        IReadOnlyList<string>? images = null, ReductionRequest? reduction = null)
    {
        var ids = ModelInputs.ParseIds(idsText);
        if (options.Validate() is { Count: > 0 } problems)
            throw new CliInputException(string.Join("; ", problems));
        reduction ??= new ReductionRequest();
        var reducers = reduction.Resolve();
        using var model = ModelInputs.Load(folder);
        var stops = model.Folder?.Generation.EosTokenIds.Select(i => (long)i).ToHashSet() ?? [];
        var (pixels, sizes) = ModelInputs.ReadVisionInput(pixelPath, images ?? [], model);
        using var ownedPixels = pixels;
        try
        {
            using var generator = new TokenGenerator(model, options with { StopTokenIds = stops })
            {
                VisionReducer = reducers.Vision, DecoderReducer = reducers.Decoder,
            };
            var tokens = new List<long> { generator.Prefill(ids, pixels, sizes) };
            while (!generator.Finished)
                tokens.Add(generator.Next());
            terminal.Out.WriteLine(string.Join(",", tokens));
            reduction.Report(generator.Kept, reducers, terminal);
        }
        catch (ArgumentException e) { throw new CliInputException(e.Message); }
        return ExitCodes.Ok;
    }
}
