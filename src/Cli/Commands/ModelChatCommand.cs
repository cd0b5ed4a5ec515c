using System.CommandLine;
using Sieve.Cli.Io;
using Sieve.Runtime.Generation;
using Sieve.Runtime.Loading;
using Sieve.Runtime.Preprocessing;
using Sieve.Runtime.Tokenization;
using static TorchSharp.torch;

namespace Sieve.Cli.Commands;

/// <summary><c>sieve model run</c>: one question about one or more images, answered by a local LLaVA, streamed.</summary>
public static class ModelChatCommand
{
    public static Command Create(Func<Terminal> terminal)
    {
        var dir = new Argument<string>("DIR") { Description = "HuggingFace LLaVA model folder (config.json, *.safetensors, tokenizer.model)." };
        var images = new Option<string[]>("--image") { Description = "Image file (PNG, JPEG, ...); repeat for several.", AllowMultipleArgumentsPerToken = false };
        var prompt = new Option<string>("--prompt") { Description = "The question or instruction.", Required = true };
        var maxNew = new Option<int?>("--max-new-tokens") { Description = "Tokens to generate at most (default: generation_config.json, else 256)." };
        var greedy = new Option<bool>("--greedy") { Description = "Argmax decoding, whatever generation_config.json says." };
        var temperature = new Option<double?>("--temperature") { Description = "Sampling temperature (default: generation_config.json)." };
        var topP = new Option<double?>("--top-p") { Description = "Nucleus sampling mass (default: generation_config.json)." };
        var seed = new Option<ulong>("--seed") { DefaultValueFactory = _ => 0UL };
        var reduction = new ModelReductionOptions();
        var command = new Command("run",
            "Ask a local LLaVA model about images: the prompt goes through the checkpoint's chat template " +
            "(LLaVA-1.5: USER: <image>\\n... ASSISTANT:), the answer streams to stdout, timings go to stderr " +
            "(vision, prefill, decode tokens/s, KV cache bytes).")
        {
            dir, images, prompt, maxNew, greedy, temperature, topP, seed,
        };
        reduction.AddTo(command);
        command.SetAction(parse => CliErrors.Guard(terminal(), t => Run(
            parse.GetRequiredValue(dir), parse.GetValue(images) ?? [], parse.GetRequiredValue(prompt), t,
            parse.GetValue(maxNew), parse.GetValue(greedy), parse.GetValue(temperature), parse.GetValue(topP), parse.GetValue(seed), reduction.Read(parse))));
        return command;
    }

    public static int Run(string folder, IReadOnlyList<string> imagePaths, string prompt, Terminal terminal,
        int? maxNewTokens = null, bool greedy = false, double? temperature = null, double? topP = null, ulong seed = 0,
        ReductionRequest? reduction = null)
    {
        reduction ??= new ReductionRequest();
        var reducers = reduction.Resolve();
        using var model = ModelInputs.Load(folder);
        var opened = model.Folder!;
        LlavaTokenizer tokenizer;
        try { tokenizer = LlavaTokenizer.Load(folder); }
        catch (CheckpointException e) { throw new CliInputException(e.Message); }

        string text;
        try { text = LlavaChatPrompt.SingleTurn(prompt, imagePaths.Count); }
        catch (ArgumentException e) { throw new CliInputException($"--prompt: {e.Message}"); }
        var ids = tokenizer.Encode(text).Select(i => (long)i).ToArray();
        if (imagePaths.Count > 0 && tokenizer.ImageTokenId != model.ImageTokenId)
            throw new CliInputException(
                $"{folder}: the tokenizer's {LlavaChatPrompt.ImageMarker} is id {tokenizer.ImageTokenId?.ToString() ?? "(none)"} " +
                $"but config.json's image token is {model.ImageTokenId}");

        var generation = opened.Generation;
        var options = new SamplingOptions
        {
            MaxNewTokens = maxNewTokens ?? generation.MaxNewTokens ?? 256,
            Greedy = greedy || !generation.DoSample,
            Temperature = temperature ?? generation.Temperature,
            TopP = topP ?? generation.TopP,
            Seed = seed,
            StopTokenIds = generation.EosTokenIds.Select(i => (long)i).Append(tokenizer.EosId).ToHashSet(),
        };
        if (options.Validate() is { Count: > 0 } problems)
            throw new CliInputException(string.Join("; ", problems));

        var (pixels, sizes) = ModelInputs.ReadImageInput(imagePaths, opened);
        using var ownedPixels = pixels;
        var detokenizer = tokenizer.CreateStreamingDecoder();
        using var generator = new TokenGenerator(model, options) { VisionReducer = reducers.Vision, DecoderReducer = reducers.Decoder };
        try
        {
            Emit(generator.Prefill(ids, pixels, sizes));
            while (!generator.Finished)
                Emit(generator.Next());
        }
        catch (ArgumentException e) { throw new CliInputException(e.Message); }
        terminal.Out.WriteLine(detokenizer.Flush());
        terminal.Error.WriteLine(generator.Timings.ToString());
        reduction.Report(generator.Kept, reducers, terminal, announce: false);   // the timings line already says what was kept
        return ExitCodes.Ok;

        void Emit(long token)
        {
            terminal.Out.Write(detokenizer.Push((int)token));
            terminal.Out.Flush();
        }
    }
}
