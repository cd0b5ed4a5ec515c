using System.Text.Json;
using Sieve.Runtime.Serving;

namespace Sieve.Runtime.Tests.Serving;

public sealed class ToolCallParserTests
{
    private static string Arg(ParsedToolCall call, string name) => ((JsonElement)call.Arguments[name]!).ToString();

    [Fact]
    public void A_tagged_call_becomes_name_and_arguments()
    {
        var parts = ToolCallParser.Parse("""<tool_call>{"name": "markush_match", "arguments": {"smiles": "CCO", "claim": 1}}</tool_call>""");
        var call = Assert.Single(parts).Call!;
        Assert.Equal("markush_match", call.Name);
        Assert.Equal("CCO", Arg(call, "smiles"));
        Assert.Equal(1, ((JsonElement)call.Arguments["claim"]!).GetInt32());
    }

    [Fact]
    public void Whitespace_newlines_and_code_fences_are_tolerated()
    {
        var text = "Let me check.\n<tool_call>\n```json\n{\n  \"name\" : \"lookup\",\n  \"arguments\" : { \"q\" : \"x\" }\n}\n```\n</tool_call>\n";
        var parts = ToolCallParser.Parse(text);
        Assert.Equal(2, parts.Count);
        Assert.Equal("Let me check.\n", parts[0].Text);
        Assert.Equal("x", Arg(parts[1].Call!, "q"));
    }

    [Fact]
    public void A_fence_around_the_whole_block_is_dropped()
    {
        var parts = ToolCallParser.Parse("```xml\n<tool_call>{\"name\": \"f\", \"arguments\": {}}</tool_call>\n```");
        Assert.Equal("f", Assert.Single(parts).Call!.Name);
    }

    [Fact]
    public void Several_calls_are_returned_in_order_and_text_around_them_is_kept()
    {
        var text = "A<tool_call>{\"name\": \"f\", \"arguments\": {\"i\": 1}}</tool_call>\n" +
                   "<tool_call>{\"name\": \"g\", \"arguments\": {\"i\": 2}}</tool_call>B";
        var parts = ToolCallParser.Parse(text);
        Assert.Equal(["A", "f", "g", "B"], parts.Select(p => p.Text ?? p.Call!.Name));
    }

    [Fact]
    public void Malformed_json_stays_plain_text_and_does_not_hide_a_good_call()
    {
        var bad = "<tool_call>{\"name\": \"f\", \"arguments\": {\"i\": </tool_call>";
        var good = "<tool_call>{\"name\": \"g\", \"arguments\": {}}</tool_call>";
        var parts = ToolCallParser.Parse(bad + good);
        Assert.Equal(bad, parts[0].Text);
        Assert.Equal("g", parts[1].Call!.Name);
        Assert.Empty(ToolCallParser.Calls("<tool_call>not json</tool_call>"));
        Assert.Empty(ToolCallParser.Calls("<tool_call>{\"arguments\": {}}</tool_call>"));       // no name
        Assert.Empty(ToolCallParser.Calls("<tool_call>{\"name\": \"f\", \"arguments\": [1]}</tool_call>")); // not an object
        Assert.Equal("<tool_call>not json</tool_call>", Assert.Single(ToolCallParser.Parse("<tool_call>not json</tool_call>")).Text);
    }

    [Fact]
    public void A_missing_closing_tag_at_the_end_still_reads_the_call()
    {
        var call = Assert.Single(ToolCallParser.Calls("<tool_call>{\"name\": \"f\", \"arguments\": {\"a\": \"b\"}}"));
        Assert.Equal("b", Arg(call, "a"));
    }

    [Fact]
    public void Arguments_as_a_json_string_or_named_parameters_or_absent_are_read()
    {
        Assert.Equal("1", Arg(Assert.Single(ToolCallParser.Calls("<tool_call>{\"name\": \"f\", \"arguments\": \"{\\\"a\\\": \\\"1\\\"}\"}</tool_call>")), "a"));
        Assert.Equal("2", Arg(Assert.Single(ToolCallParser.Calls("<tool_call>{\"name\": \"f\", \"parameters\": {\"a\": \"2\"}}</tool_call>")), "a"));
        Assert.Empty(Assert.Single(ToolCallParser.Calls("<tool_call>{\"name\": \"f\"}</tool_call>")).Arguments);
    }

    [Fact]
    public void Text_without_calls_is_returned_unchanged()
    {
        const string text = "No tools needed. ```code``` and <b>tags</b>.";
        Assert.Equal(text, Assert.Single(ToolCallParser.Parse(text)).Text);
    }
}
