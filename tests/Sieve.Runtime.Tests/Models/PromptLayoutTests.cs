using Sieve.Runtime.Models;
using Sieve.Runtime.Reduction;

namespace Sieve.Runtime.Tests.Models;

public sealed class PromptLayoutTests
{
    private const long Img = 9;

    [Fact]
    public void One_image_token_per_image_expands_to_each_images_feature_count()
    {
        var layout = PromptLayout.Create([1, Img, 2, Img, 3], Img, [3, 2]);
        Assert.Equal([1, Img, Img, Img, 2, Img, Img, 3], layout.Ids);
        Assert.Equal([new ImageSpan(1, 3), new ImageSpan(5, 2)], layout.Images);
    }

    [Fact]
    public void Already_expanded_image_tokens_are_kept_as_they_are()
    {
        long[] ids = [1, Img, Img, 2, Img, Img, Img];
        var layout = PromptLayout.Create(ids, Img, [2, 3]);
        Assert.Equal(ids, layout.Ids);
        Assert.Equal([new ImageSpan(1, 2), new ImageSpan(4, 3)], layout.Images);
    }

    [Theory]
    [InlineData(new long[] { 1, Img, 2 }, new long[] { 2, 2 }, "1 image token(s) (id 9) for 2 image(s) with 4 features")]
    [InlineData(new long[] { 1, 2 }, new long[] { 2 }, "0 image token(s)")]
    [InlineData(new long[] { Img, 1, Img, Img }, new long[] { 3 }, "not contiguous at position 0")]
    [InlineData(new long[] { 1, Img }, new long[] { }, "1 image token(s) (id 9) but no image was given")]
    public void Mismatched_image_tokens_are_refused_with_the_counts(long[] ids, long[] counts, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => PromptLayout.Create(ids, Img, counts));
        Assert.Contains(message, e.Message);
    }
}
