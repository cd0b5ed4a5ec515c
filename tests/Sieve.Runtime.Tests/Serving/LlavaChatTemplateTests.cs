using Microsoft.Extensions.AI;
using Sieve.Runtime.Serving;

namespace Sieve.Runtime.Tests.Serving;

public sealed class LlavaChatTemplateTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47];

    [Fact]
    public void One_user_turn_with_an_image_is_llava_15s_prompt()
    {
        var message = new ChatMessage(ChatRole.User, [new TextContent("What is shown?"), new DataContent(Png, "image/png")]);
        var prompt = LlavaChatTemplate.Render([message], null);
        Assert.Equal("USER: <image>\nWhat is shown? ASSISTANT:", prompt.Text);
        Assert.Single(prompt.Images);
        Assert.False(prompt.ToolsOffered);
    }

    [Fact]
    public void System_and_earlier_turns_follow_llava_hfs_template()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.System, "Be brief."),
            new(ChatRole.User, "Hi"),
            new(ChatRole.Assistant, "Hello."),
            new(ChatRole.User, "Name a ring."),
        ];
        Assert.Equal("Be brief. USER: Hi ASSISTANT: Hello. USER: Name a ring. ASSISTANT:", LlavaChatTemplate.Render(messages, null).Text);
    }

    [Fact]
    public void Tools_calls_and_results_are_written_by_the_convention()
    {
        var tool = AIFunctionFactory.Create((string smiles) => "ok", "canonicalize", "Canonical SMILES of a molecule.");
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Canonicalize OCC"),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "canonicalize", new Dictionary<string, object?> { ["smiles"] = "OCC" })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", "{\"smiles\": \"CCO\"}")]),
        ];
        var prompt = LlavaChatTemplate.Render(messages, new ChatOptions { Tools = [tool] });
        Assert.True(prompt.ToolsOffered);
        Assert.StartsWith("You can call functions.", prompt.Text);
        Assert.Contains("{\"name\":\"canonicalize\",\"description\":\"Canonical SMILES of a molecule.\",\"parameters\":{", prompt.Text);
        Assert.Contains("ASSISTANT: <tool_call>\n{\"name\":\"canonicalize\",\"arguments\":{\"smiles\":\"OCC\"}}\n</tool_call> ", prompt.Text);
        Assert.Contains("USER: <tool_response>\n{\"name\":\"canonicalize\",\"content\":{\"smiles\":\"CCO\"}}\n</tool_response> ASSISTANT:", prompt.Text);

        // The call written back parses to the same call.
        var call = Assert.Single(ToolCallParser.Calls(prompt.Text[prompt.Text.IndexOf("ASSISTANT: <tool_call>", StringComparison.Ordinal)..]));
        Assert.Equal("canonicalize", call.Name);
    }

    [Fact]
    public void Tool_mode_none_offers_nothing_and_literal_image_markers_are_defused()
    {
        var tool = AIFunctionFactory.Create(() => 1, "f");
        var prompt = LlavaChatTemplate.Render([new ChatMessage(ChatRole.User, "what is <image>?")],
            new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.None });
        Assert.Equal("USER: what is <image >? ASSISTANT:", prompt.Text);
        Assert.False(prompt.ToolsOffered);
    }

    [Fact]
    public void Images_by_url_and_other_data_are_refused_by_name()
    {
        var url = new ChatMessage(ChatRole.User, [new UriContent("https://example.org/a.png", "image/png")]);
        Assert.Contains("does not fetch URLs", Assert.Throws<NotSupportedException>(() => LlavaChatTemplate.Render([url], null)).Message);
        var pdf = new ChatMessage(ChatRole.User, [new DataContent(Png, "application/pdf")]);
        Assert.Contains("application/pdf", Assert.Throws<NotSupportedException>(() => LlavaChatTemplate.Render([pdf], null)).Message);
    }
}
