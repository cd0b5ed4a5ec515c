using Sieve.Runtime.Serving;

namespace Sieve.Runtime.Tests.Serving;

public sealed class AnswerStreamTests
{
    private static (string Shown, IReadOnlyList<AnswerPart> Remainder, bool Stopped) Run(AnswerStream stream, params string[] pieces)
    {
        var shown = string.Concat(pieces.Select(stream.Push));
        return (shown, stream.Finish(), stream.Stopped);
    }

    [Fact]
    public void A_stop_sequence_split_over_pieces_is_never_shown_and_ends_the_answer()
    {
        var stream = new AnswerStream(["END"], toolsOffered: false);
        Assert.Equal("abc ", stream.Push("abc E"));   // "E" may begin "END": held back
        Assert.Equal("", stream.Push("N"));
        Assert.Equal("", stream.Push("D and more"));
        Assert.True(stream.Stopped);
        Assert.Empty(stream.Finish());
        Assert.Equal("abc ", stream.Text);
    }

    [Fact]
    public void A_held_back_tail_that_was_not_a_stop_sequence_comes_out()
    {
        var (shown, rest, stopped) = Run(new AnswerStream(["END"], false), "x E", "nd");
        Assert.False(stopped);
        Assert.Equal("x End", shown + string.Concat(rest.Select(r => r.Text)));
    }

    [Fact]
    public void With_tools_text_before_a_call_streams_and_the_call_is_parsed_at_the_end()
    {
        var stream = new AnswerStream(null, toolsOffered: true);
        var shown = stream.Push("Checking <tool") + stream.Push("_call>{\"name\": \"f\", ") + stream.Push("\"arguments\": {}}</tool_call>");
        Assert.Equal("Checking ", shown);
        Assert.Equal("f", Assert.Single(stream.Finish()).Call!.Name);
    }

    [Fact]
    public void Without_tools_a_tool_call_is_plain_text()
    {
        const string text = "<tool_call>{\"name\": \"f\", \"arguments\": {}}</tool_call>";
        var (shown, rest, _) = Run(new AnswerStream(null, false), text);
        Assert.Equal(text, shown);
        Assert.Empty(rest);
    }
}
