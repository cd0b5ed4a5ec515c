using System.Runtime.CompilerServices;
using Sieve.Runtime.Models;
using static TorchSharp.torch;

namespace Sieve.Runtime.Generation;

/// <summary>Prefill + decode loops over <see cref="TokenGenerator"/>: all at once, or streamed token by token.</summary>
public static class Generate
{
    /// <summary>The generated ids (a final stop token included) and the timings. <paramref name="imageSizes"/>:
    /// LLaVA-NeXT's original image sizes (height, width).</summary>
    public static (IReadOnlyList<long> Tokens, GenerationTimings Timings) Tokens(
        LlavaModel model, IReadOnlyList<long> ids, Tensor? pixels, SamplingOptions options,
        IReadOnlyList<(int Height, int Width)>? imageSizes = null)
    {
        using var generator = new TokenGenerator(model, options);
        var tokens = new List<long> { generator.Prefill(ids, pixels, imageSizes) };
        while (!generator.Finished)
            tokens.Add(generator.Next());
        return (tokens, generator.Timings);
    }

    /// <summary>
    /// Streams generated ids as they come; <paramref name="timings"/> is called once at the end. Each step runs on
    /// the thread pool, whole (no tensor outlives its step except the cache's); cancellation is checked between steps.
    /// The caller keeps <paramref name="pixels"/> alive until the first token arrives.
    /// </summary>
    public static async IAsyncEnumerable<long> StreamAsync(
        LlavaModel model, IReadOnlyList<long> ids, Tensor? pixels, SamplingOptions options,
        Action<GenerationTimings>? timings = null, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        using var generator = new TokenGenerator(model, options);
        yield return await Task.Run(() => generator.Prefill(ids, pixels), cancel).ConfigureAwait(false);
        while (!generator.Finished)
        {
            cancel.ThrowIfCancellationRequested();
            yield return await Task.Run(generator.Next, cancel).ConfigureAwait(false);
        }
        timings?.Invoke(generator.Timings);
    }
}
