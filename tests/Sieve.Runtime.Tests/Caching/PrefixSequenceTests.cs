using Sieve.Runtime.Caching;

namespace Sieve.Runtime.Tests.Caching;

public sealed class PrefixSequenceTests
{
    private const long Image = 100;

    private static PrefixSequence Of(long[] ids, params string[] hashes) => PrefixSequence.FromPrompt(ids, Image, hashes)!;

    [Fact]
    public void The_common_prefix_ends_at_the_first_different_token()
    {
        Assert.Equal(3, PrefixSequence.CommonPrefix(Of([1, 2, 3, 4]), Of([1, 2, 3, 9, 9])));
        Assert.Equal(4, PrefixSequence.CommonPrefix(Of([1, 2, 3, 4]), Of([1, 2, 3, 4, 5])));
    }

    [Fact]
    public void A_different_image_ends_the_common_prefix_where_it_starts_though_its_token_rows_agree()
    {
        Assert.Equal(2, PrefixSequence.CommonPrefix(Of([1, 2, Image, 4], "a"), Of([1, 2, Image, 4], "b")));
        Assert.Equal(4, PrefixSequence.CommonPrefix(Of([1, 2, Image, 4], "a"), Of([1, 2, Image, 4], "a")));
        // The second image (symbol 3) differs: everything before it is shared.
        Assert.Equal(3, PrefixSequence.CommonPrefix(Of([1, Image, 3, Image, 5], "a", "b"), Of([1, Image, 3, Image, 5], "a", "c")));
    }

    [Fact]
    public void A_generated_image_token_id_is_text_and_never_matches_an_image()
    {
        var answered = Of([1, 2]).Extend([Image, 7]);      // the model emitted the image token's id
        var withImage = Of([1, 2, Image, 7], "a");
        Assert.Equal(2, PrefixSequence.CommonPrefix(answered, withImage));
        Assert.Equal(4, PrefixSequence.CommonPrefix(answered, Of([1, 2]).Extend([Image, 7, 8])));
    }

    [Fact]
    public void Expanded_positions_count_each_image_as_its_features()
    {
        var s = Of([1, Image, 3, Image, 5], "a", "b");
        Assert.Equal(1, s.ExpandedPosition(1, [16, 4]));
        Assert.Equal(17, s.ExpandedPosition(2, [16, 4]));
        Assert.Equal(22, s.ExpandedPosition(4, [16, 4]));
        Assert.Equal(23, s.ExpandedPosition(5, [16, 4]));
        Assert.True(s.HasImageFrom(3));
        Assert.False(s.HasImageFrom(4));
        Assert.Equal(1, s.ImagesBefore(3));
    }

    [Fact]
    public void Ids_already_expanded_to_one_token_per_feature_are_not_cached()
    {
        Assert.Null(PrefixSequence.FromPrompt([1, Image, Image, Image, 5], Image, ["a"]));
    }
}
