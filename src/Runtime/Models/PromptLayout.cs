using Sieve.Runtime.Reduction;

namespace Sieve.Runtime.Models;

/// <summary>
/// Where image features go in a prompt, in HF LLaVA's two conventions: each image written as one image token that
/// expands to that image's feature count (the processor's input before expansion), or already expanded (as many
/// image tokens as features, the input <c>LlavaForConditionalGeneration</c> receives from recent processors).
/// </summary>
/// <param name="Ids">The expanded token ids: each image's rows hold the image token id.</param>
/// <param name="Images">Per image, its rows.</param>
public sealed record PromptLayout(long[] Ids, IReadOnlyList<ImageSpan> Images)
{
    /// <summary>Throws ArgumentException naming the counts when the image tokens match neither convention.</summary>
    public static PromptLayout Create(IReadOnlyList<long> ids, long imageTokenId, IReadOnlyList<long> featureCounts)
    {
        var marks = Enumerable.Range(0, ids.Count).Where(i => ids[i] == imageTokenId).ToList();
        long total = featureCounts.Sum();
        if (featureCounts.Count == 0)
        {
            if (marks.Count > 0)
                throw new ArgumentException(
                    $"the input ids hold {marks.Count} image token(s) (id {imageTokenId}) but no image was given");
            return new PromptLayout([.. ids], []);
        }
        if (marks.Count == total)
        {
            // Already expanded: consecutive runs of image tokens take the images' features in order.
            var spans = new List<ImageSpan>();
            int next = 0;
            foreach (var count in featureCounts)
            {
                int start = marks[next];
                for (int k = 1; k < count; k++)
                    if (marks[next + k] != start + k)
                        throw new ArgumentException(
                            $"the expanded image tokens for image {spans.Count + 1} are not contiguous at position {start}");
                spans.Add(new ImageSpan(start, count));
                next += (int)count;
            }
            return new PromptLayout([.. ids], spans);
        }
        if (marks.Count == featureCounts.Count)
        {
            var expanded = new List<long>(ids.Count + (int)total);
            var spans = new List<ImageSpan>();
            int image = 0;
            foreach (var id in ids)
            {
                if (id != imageTokenId) { expanded.Add(id); continue; }
                spans.Add(new ImageSpan(expanded.Count, featureCounts[image]));
                expanded.AddRange(Enumerable.Repeat(imageTokenId, (int)featureCounts[image]));
                image++;
            }
            return new PromptLayout([.. expanded], spans);
        }
        throw new ArgumentException(
            $"the input ids hold {marks.Count} image token(s) (id {imageTokenId}) for {featureCounts.Count} image(s) " +
            $"with {total} features in all; expected one image token per image or one per feature");
    }
}
